using Governance.Contracts;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.UnitCopy;

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
