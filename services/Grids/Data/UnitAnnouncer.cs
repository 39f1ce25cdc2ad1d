namespace Governance.Grids.Data;

/// <summary>Announces units to the services that keep copies, in batches, through the outbox, each
/// with the box of its boundary as it stands in this transaction (Incidents checks a filing's place by it) and,
/// for grids and courtyards, the boundary and the address aliases Incidents places a hotline call by (docs/intake.md).</summary>
public static class UnitAnnouncer
{
    public const int BatchSize = 500;

    public static async Task AnnounceAsync(UnitOfWork<GridsDatabase> uow, IEnumerable<Unit> units)
    {
        foreach (var batch in units.Chunk(BatchSize))
        {
            var boxes = await BoundaryStore.BoxesAsync(uow, batch.Select(u => u.Code));
            // Only where a call is placed: a county's or township's shape is large and nobody places on it.
            var shapes = await BoundaryStore.ShapesAsync(uow,
                batch.Where(u => u.Level is UnitLevel.Grid or UnitLevel.Courtyard).Select(u => u.Code));
            var aliases = await UnitAliasStore.OfAsync(uow, batch.Select(u => u.Code));
            await uow.PublishAsync(new UnitsUpserted(batch.Select(u => u.ToRecord(boxes.TryGetValue(u.Code, out var box) ? box : null,
                shapes.GetValueOrDefault(u.Code), aliases.GetValueOrDefault(u.Code))).ToList()));
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
