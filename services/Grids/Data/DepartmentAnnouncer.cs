namespace Governance.Grids.Data;

/// <summary>Announces departments in batches through the outbox.</summary>
public static class DepartmentAnnouncer
{
    public const int BatchSize = 500;

    public static async Task AnnounceAsync(UnitOfWork<GridsDatabase> uow, IEnumerable<Department> departments)
    {
        foreach (var batch in departments.Chunk(BatchSize))
            await uow.PublishAsync(new DepartmentsUpserted(batch.Select(d => d.ToRecord()).ToList()));
    }
}
