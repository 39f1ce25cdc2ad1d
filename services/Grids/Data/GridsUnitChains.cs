using System.Data.Common;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Data;

namespace Governance.Grids.Data;

/// <summary>Unit chains for the permission model from Grids' own unit tree (the original, not a
/// copy): the unit first, the county last; empty when the unit is unknown.</summary>
public sealed class GridsUnitChains(GridsDatabase db) : IUnitChainSource
{
    public async Task<IReadOnlyList<ChainUnit>> ChainAsync(string unitCode, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await ChainAsync(c, db.Provider, unitCode);
    }

    /// <summary>Inside a change's transaction, so the check sees the tree the change is written against.</summary>
    public static async Task<IReadOnlyList<ChainUnit>> ChainAsync(DbConnection c, DatabaseProvider provider, string unitCode, DbTransaction? t = null) =>
        (await UnitStore.PathAsync(c, provider, unitCode, t)).Select(u => new ChainUnit(u.Code, u.Level)).ToList();
}
