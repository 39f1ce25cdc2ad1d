using Governance.Contracts;
using Governance.Grids.Model;
using Governance.Infrastructure.Messaging;

namespace Governance.Grids.Data;

/// <summary>Announces units to the services that keep copies, in batches, through the outbox, each
/// with the box of its boundary as it stands in this transaction (Incidents checks a filing's place by it).</summary>
public static class UnitAnnouncer
{
    public const int BatchSize = 500;

    public static async Task AnnounceAsync(UnitOfWork<GridsDatabase> uow, IEnumerable<Unit> units)
    {
        foreach (var batch in units.Chunk(BatchSize))
        {
            var boxes = await BoundaryStore.BoxesAsync(uow, batch.Select(u => u.Code));
            await uow.PublishAsync(new UnitsUpserted(batch.Select(u => u.ToRecord(boxes.TryGetValue(u.Code, out var box) ? box : null)).ToList()));
        }
    }

    /// <summary>Every unit, parents before children (so a copy never holds an orphan for long).</summary>
    public static async Task AnnounceAllAsync(UnitOfWork<GridsDatabase> uow)
    {
        for (var offset = 0; ; offset += BatchSize)
        {
            var page = await UnitStore.PageAsync(uow, BatchSize, offset);
            if (page.Count == 0) return;
            await AnnounceAsync(uow, page);
        }
    }
}
