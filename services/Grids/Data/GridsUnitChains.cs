using Governance.Infrastructure.Authority;

namespace Governance.Grids.Data;

/// <summary>Unit chains for the permission model from Grids' own unit tree (the original, not a
/// copy): the unit first, the county last; empty when the unit is unknown.</summary>
public sealed class GridsUnitChains(GridsDatabase db) : IUnitChainSource
{
    public async Task<IReadOnlyList<ChainUnit>> ChainAsync(string unitCode, CancellationToken ct)
    {
        // A permission check changes nothing: a read session, which never queues behind SQLite's writer gate.
        await using var session = await db.OpenReadAsync(ct);
        return await ChainAsync(session, unitCode);
    }

    /// <summary>Given the unit of work, inside the change's transaction, so the check sees the tree the
    /// change is written against.</summary>
    public static async Task<IReadOnlyList<ChainUnit>> ChainAsync(DbSession session, string unitCode) =>
        (await UnitStore.PathAsync(session, unitCode)).Select(u => new ChainUnit(u.Code, u.Level)).ToList();

}
