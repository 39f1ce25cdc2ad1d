using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Data;

namespace Governance.Infrastructure.UnitCopy;

/// <summary>Unit chains for the permission model, from a service's copy of the unit tree.</summary>
public sealed class UnitCopyChains<TDatabase>(TDatabase db) : IUnitChainSource where TDatabase : Database
{
    public async Task<IReadOnlyList<ChainUnit>> ChainAsync(string unitCode, CancellationToken ct)
    {
        await using var session = await db.OpenReadAsync(ct);
        return await ChainAsync(session, unitCode);
    }

    public static async Task<IReadOnlyList<ChainUnit>> ChainAsync(DbSession session, string unitCode) =>
        (await UnitCopyStore.ChainAsync(session, unitCode)).Select(u => new ChainUnit(u.Code, u.Level)).ToList();
}
