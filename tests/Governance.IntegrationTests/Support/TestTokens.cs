using System.Net.Http.Headers;
using Governance.Infrastructure.Security;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// Tokens for tests, signed with the key the test hosts are configured with — the same validation
/// path as a real identity provider's tokens. By default a "county officer" who holds every handling
/// role at the county (and administers it): by the permission model he holds a case on whichever tier
/// it is and files anywhere, so tests about the case loop can drive it. Named people get the same
/// roles, so "who did it" can differ between steps; <see cref="Verifier"/> stands above the case
/// without holding it, as verification requires. What each single role may do is tested on its own
/// (tests/Governance.IntegrationTests/Permissions).
/// </summary>
public static class TestTokens
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    private static readonly TokenIssuer Issuer = new(new AuthOptions { SigningKey = SigningKey }, TimeProvider.System);

    /// <summary>The default test identity's roles (see the class summary).</summary>
    public static readonly string[] OfficerRoles =
        [Roles.GridWorkerFullTime, Roles.VillageHandler, Roles.Mediator, Roles.TownshipDispatcher, Roles.CountySupervisor, Roles.CountyAdministrator];

    /// <summary>A token for one role at one unit; without a role, the county officer's. A leader post
    /// (联系点) comes on top of the role: <paramref name="leaderUnits"/> are the units he is linked to.</summary>
    public static string For(string user, string? role = null, string unit = Demo.County, string? department = null,
        IEnumerable<string>? leaderUnits = null) =>
        Issuer.Issue(user, user, role is null ? OfficerRoles : [role], [unit], department, leaderUnits);

    /// <summary>A token as Grids issues it to a member of staff: with his security stamp (docs/sessions.md).</summary>
    public static AuthenticationHeaderValue Staff(string user, string role, string unit, string stamp) =>
        new("Bearer", Issuer.Issue(user, user, [role], [unit], stamp: stamp));

    public static AuthenticationHeaderValue Bearer(string user = "test-officer", string? role = null, string unit = Demo.County,
        string? department = null, IEnumerable<string>? leaderUnits = null) =>
        new("Bearer", For(user, role, unit, department, leaderUnits));

    /// <summary>Someone who may verify a case below the county without holding it: a county supervisor.</summary>
    public static AuthenticationHeaderValue Verifier(string user = "test-verifier") => Bearer(user, Roles.CountySupervisor);

    /// <summary>The settings that make a host accept these tokens (and let tests file faster than a
    /// person: the intake limit is tested on its own).</summary>
    public static IEnumerable<KeyValuePair<string, string>> HostSettings =>
        [new("Auth:Enabled", "true"), new("Auth:SigningKey", SigningKey), new("Auth:DevTokens", "false"),
         new("Incidents:Intake:PermitsPerMinute", "1000000"),
         // Hotline calls in the tests come through Open311's demo client, taken only when asked for without the demo sign-in.
         new("Open311:AcceptDemoKey", "true"),
         new("PersonalData:CurrentKeyId", "tests"), new("PersonalData:Keys:tests", PersonalDataKey)];

    /// <summary>The key that seals callers' contacts in test hosts (distributed settings ship none).</summary>
    public const string PersonalDataKey = "aW50ZWdyYXRpb24tdGVzdHMtcGVyc29uYWwtZGF0YSE=";
}
