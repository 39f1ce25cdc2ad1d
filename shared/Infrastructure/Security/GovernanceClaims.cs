using System.Security.Claims;

namespace Governance.Infrastructure.Security;

/// <summary>
/// What a token says about its holder: who (sub, name), in which roles, and over which units
/// (unit codes: the user acts and reads in those units' subtrees). An OIDC provider maps its users
/// to the same claim names.
/// </summary>
public static class GovernanceClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Unit = "unit";
    /// <summary>A department handler's department (its id in Grids).</summary>
    public const string DepartmentClaim = "department";
    /// <summary>A unit a leader is linked to (联系点); one claim per unit.</summary>
    public const string LeaderUnitClaim = "leader-unit";
    /// <summary>The account's security stamp when the token was issued (Grids changes it when the
    /// person's role, unit or department changes; docs/sessions.md).</summary>
    public const string Stamp = "stamp";
    /// <summary>The token's own id: a service token (issue-token) is recorded and revocable by it; a refresh
    /// token's is its session's, recorded as ended when its holder signs out.</summary>
    public const string TokenId = "jti";
    /// <summary>A refresh token's moment of sign-in, in Unix milliseconds (iat has whole seconds only): a
    /// password set after it ends the session, one set before it (the holder's own change) does not.</summary>
    public const string SignedInAt = "signed-in-ms";

    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirst(Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous";

    public static IReadOnlyList<string> Roles(this ClaimsPrincipal user) =>
        user.FindAll(Role).Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value).Distinct().ToList();

    public static IReadOnlyList<string> Units(this ClaimsPrincipal user) => user.FindAll(Unit).Select(c => c.Value).Distinct().ToList();

    public static string? Department(this ClaimsPrincipal user) => user.FindFirst(DepartmentClaim)?.Value;

    public static IReadOnlyList<string> LeaderUnits(this ClaimsPrincipal user) => user.FindAll(LeaderUnitClaim).Select(c => c.Value).Distinct().ToList();

    public static bool HasAnyRole(this ClaimsPrincipal user, params string[] roles) => user.Roles().Intersect(roles).Any();
}

/// <summary>The role codes (Grids' staff roles).</summary>
public static class Roles
{
    public const string CountyAdministrator = "county-administrator";
    public const string CountySupervisor = "county-supervisor";
    public const string TownshipDispatcher = "township-dispatcher";
    public const string DepartmentHandler = "department-handler";
    public const string VillageHandler = "village-handler";
    public const string Mediator = "mediator";
    public const string GridHead = "grid-head";
    public const string GridWorker = "grid-worker";
    public const string GridWorkerFullTime = "grid-worker-full-time";
    public const string GridWorkerPartTime = "grid-worker-part-time";
    public const string CourtyardLead = "courtyard-lead";
    /// <summary>区县指挥中心调度员: handles county-tier cases and places hotline calls waiting in triage (待分拨).</summary>
    public const string CountyDispatcher = "county-dispatcher";
    /// <summary>12345 热线话务员: files cases anywhere in the county, holds none.</summary>
    public const string HotlineOperator = "hotline-operator";

    /// <summary>Roles that see residents' ID numbers and phones unmasked (they call and visit them).</summary>
    public static readonly string[] SeePersonalData = [CountyAdministrator, GridWorker, GridWorkerFullTime, GridWorkerPartTime, GridHead, VillageHandler];
}
