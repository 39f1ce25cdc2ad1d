using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Data;

namespace Governance.Infrastructure.UnitCopy;

/// <summary>Unit chains for the permission model, from a service's copy of the unit tree.</summary>
public sealed class UnitCopyChains<TDatabase>(TDatabase db) : IUnitChainSource where TDatabase : Database
{
    public async Task<IReadOnlyList<ChainUnit>> ChainAsync(string unitCode, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await ChainAsync(c, db.Provider, unitCode);
    }

    public static async Task<IReadOnlyList<ChainUnit>> ChainAsync(System.Data.Common.DbConnection c, DatabaseProvider provider, string unitCode,
        System.Data.Common.DbTransaction? transaction = null) =>
        (await UnitCopyStore.ChainAsync(c, provider, unitCode, transaction)).Select(u => new ChainUnit(u.Code, u.Level)).ToList();
}
