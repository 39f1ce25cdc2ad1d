using System.Security.Cryptography;
using Governance.Infrastructure.Security;

namespace Governance.Benchmarks;

/// <summary>
/// The services accept JWT bearer tokens only. The benchmark gives every process it starts a signing
/// key of its own and signs its load generator's token with it: a full-time grid worker whose unit is
/// the county, so every courtyard is in his jurisdiction.
/// </summary>
public static class Token
{
    public static readonly string SigningKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Auth:Enabled", "true"), new("Auth:SigningKey", SigningKey), new("Auth:DevTokens", "false")];

    public static string GridWorker(string countyCode) =>
        new TokenIssuer(new AuthOptions { SigningKey = SigningKey }, TimeProvider.System)
            .Issue("bench-grid-worker", "bench-grid-worker", [Roles.GridWorkerFullTime], [countyCode]);
}
