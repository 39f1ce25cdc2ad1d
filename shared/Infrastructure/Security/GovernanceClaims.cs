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

    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirst(Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous";

    public static IReadOnlyList<string> Roles(this ClaimsPrincipal user) =>
        user.FindAll(Role).Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value).Distinct().ToList();

    public static IReadOnlyList<string> Units(this ClaimsPrincipal user) => user.FindAll(Unit).Select(c => c.Value).Distinct().ToList();

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

    /// <summary>Roles that see residents' ID numbers and phones unmasked (they call and visit them).</summary>
    public static readonly string[] SeePersonalData = [CountyAdministrator, GridWorker, GridWorkerFullTime, GridWorkerPartTime, GridHead, VillageHandler];
}
