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
        [new("Auth:Enabled", "true"), new("Auth:SigningKey", SigningKey), new("Auth:DevTokens", "false"),
         new("PersonalData:CurrentKeyId", "bench"), new("PersonalData:Keys:bench", PersonalDataKey)];

    /// <summary>Seals callers' contacts in the benchmark's processes (distributed settings ship no key).</summary>
    private static readonly string PersonalDataKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string GridWorker(string countyCode, int number = 0) =>
        new TokenIssuer(new AuthOptions { SigningKey = SigningKey }, TimeProvider.System)
            .Issue($"bench-gw-{number:D3}", $"bench-gw-{number:D3}", [Roles.GridWorkerFullTime], [countyCode]);

    /// <summary>A village's handler (村级办理人): he holds the village's cases (the day mix, DayMix.cs).</summary>
    public static string VillageHandler(string villageCode) =>
        new TokenIssuer(new AuthOptions { SigningKey = SigningKey }, TimeProvider.System)
            .Issue($"bench-vh-{villageCode}", $"bench-vh-{villageCode}", [Roles.VillageHandler], [villageCode]);

    /// <summary>The county command centre's supervisor: verifies cases and watches the dashboard (the day mix).</summary>
    public static string Supervisor(string countyCode) =>
        new TokenIssuer(new AuthOptions { SigningKey = SigningKey }, TimeProvider.System)
            .Issue("bench-supervisor", "bench-supervisor", [Roles.CountySupervisor], [countyCode]);

    /// <summary>Filing is rate-limited per caller (Incidents:Intake:PermitsPerMinute, 600 by default),
    /// as a county's grid workers each file their own cases: the load comes from this many of them,
    /// which keeps each under the limit up to 500 × 600 / 60 = 5,000 cases/s.</summary>
    public const int GridWorkers = 500;

    public static IReadOnlyList<string> GridWorkerTokens(string countyCode) =>
        Enumerable.Range(0, GridWorkers).Select(i => GridWorker(countyCode, i)).ToList();
}
