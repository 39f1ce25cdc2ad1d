using Governance.Contracts;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Infrastructure.Security;

/// <summary>
/// Where a caller may act and read: his units' subtrees (a grid worker his grids, a township
/// dispatcher his township, county staff the county), checked against the service's copy of the
/// unit tree. Outside it a case does not exist for him (404), so nothing leaks, not even existence.
/// </summary>
public static class Jurisdiction
{
    public static async Task<bool> CoversAsync(DbSession session, Caller caller, string unitCode)
    {
        if (caller.Unrestricted) return true;
        if (caller.Units.Count == 0) return false;
        var chain = await UnitCopyStore.ChainAsync(session, unitCode);
        return caller.Covers(chain.Select(u => u.Code));
    }

    /// <summary>Where a unit named in a request lies for the caller.</summary>
    public enum UnitReach { Inside, Outside, Unknown }

    /// <summary>
    /// For a unit's work (its queue, live stream, figures: read-unit-work, docs/permissions.md): a unit outside his
    /// units is 403, not 404, because units are no secret (read-directory: anyone signed in lists them) — the same
    /// answer the dashboard gives. A code no unit has is Unknown (404 or a field error, as the endpoint names it).
    /// </summary>
    public static async Task<UnitReach> ReachAsync(DbSession session, Caller caller, string unitCode)
    {
        if (caller.Unrestricted) return UnitReach.Inside;
        var chain = await UnitCopyStore.ChainAsync(session, unitCode);
        if (chain.Count == 0) return UnitReach.Unknown;
        return caller.Units.Count > 0 && caller.Covers(chain.Select(u => u.Code)) ? UnitReach.Inside : UnitReach.Outside;
    }

    /// <summary>403 for a unit outside the caller's units (<see cref="UnitReach.Outside"/>).</summary>
    public static ProblemHttpResult OutsideProblem() =>
        TypedResults.Problem(Hosting.ProblemTexts.UnitCodeOutsideYourUnits, statusCode: StatusCodes.Status403Forbidden,
            title: Hosting.ProblemTexts.OutsideJurisdictionTitle);

    /// <summary>For lists: null when the caller sees everything (the county), else his unit codes.</summary>
    public static async Task<IReadOnlyList<string>?> ListScopeAsync(DbSession session, Caller caller)
    {
        if (caller.Unrestricted) return null;
        foreach (var unit in caller.Units)
            if ((await UnitCopyStore.FindAsync(session, unit))?.Level == UnitLevel.County) return null;
        return caller.Units;
    }

    /// <summary>The caller's highest unit: where his dashboard starts.</summary>
    public static async Task<string?> HomeUnitAsync(DbSession session, Caller caller)
    {
        CopiedUnit? best = null;
        foreach (var code in caller.Units)
            if (await UnitCopyStore.FindAsync(session, code) is { } unit && (best is null || unit.Level < best.Level)) best = unit;
        return best?.Code;
    }
}
