using System.Net.Http.Headers;
using Governance.Infrastructure.Security;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// Tokens for tests, signed with the key the test hosts are configured with — the same validation
/// path as a real identity provider's tokens. By default a county administrator over the whole
/// demo county; named people get the same reach, so "who did it" can differ between steps.
/// </summary>
public static class TestTokens
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    private static readonly TokenIssuer Issuer = new(new AuthOptions { SigningKey = SigningKey }, TimeProvider.System);

    public static string For(string user, string role = Roles.CountyAdministrator, string unit = Demo.County) =>
        Issuer.Issue(user, user, [role], [unit]);

    public static AuthenticationHeaderValue Bearer(string user = "test-admin", string role = Roles.CountyAdministrator, string unit = Demo.County) =>
        new("Bearer", For(user, role, unit));

    /// <summary>The settings that make a host accept these tokens (and let tests file faster than a
    /// person: the intake limit is tested on its own).</summary>
    public static IEnumerable<KeyValuePair<string, string>> HostSettings =>
        [new("Auth:Enabled", "true"), new("Auth:SigningKey", SigningKey), new("Auth:DevTokens", "false"),
         new("Incidents:Intake:PermitsPerMinute", "1000000")];
}
