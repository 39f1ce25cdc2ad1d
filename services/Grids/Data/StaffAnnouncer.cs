namespace Governance.Grids.Data;

/// <summary>Announces people with all their duty periods, in batches, through the outbox, and with
/// them their access (AccountAccessChanged: security stamp, left) for the services' session checks.
/// The messages leave personal identifiers out (see StaffMessages).</summary>
public static class StaffAnnouncer
{
    public const int BatchSize = 500;

    /// <summary>Announces these people as they are now in the database (same transaction).</summary>
    public static async Task AnnounceAsync(UnitOfWork<GridsDatabase> uow, IReadOnlyCollection<string> staffIds)
    {
        if (staffIds.Count == 0) return;
        var people = await StaffStore.FindManyAsync(uow, staffIds);
        var duties = await StaffStore.DutiesOfAsync(uow, staffIds);
        await AnnounceAsync(uow, people.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList(), duties);
    }

    public static async Task AnnounceAsync(UnitOfWork<GridsDatabase> uow, IReadOnlyList<StaffMember> people, ILookup<string, DutyAssignment> duties)
    {
        foreach (var batch in people.Chunk(BatchSize))
            await uow.PublishAsync(new StaffChanged(batch.Select(p => ToRecord(p, duties[p.Id])).ToList()));
        await AnnounceAccessAsync(uow, people);
    }

    /// <summary>Only the people's access: every person on a snapshot request, so a copy that started
    /// late knows who left.</summary>
    public static async Task AnnounceAccessAsync(UnitOfWork<GridsDatabase> uow, IReadOnlyList<StaffMember> people)
    {
        foreach (var batch in people.Chunk(BatchSize))
            await uow.PublishAsync(new AccountAccessChanged(batch.Select(Access).ToList(), uow.Now));
    }

    public static AccountAccess Access(StaffMember p) => new(p.Id, SecurityStamp.Of(p), p.LeftAt is not null, p.Version);

    public static StaffRecord ToRecord(StaffMember p, IEnumerable<DutyAssignment> duties) =>
        new(p.Id, p.Name, p.Role, p.UnitCode, p.DepartmentId, p.LeftAt is null, p.Version,
            duties.Select(d => new DutyRecord(d.Id, d.UnitCode, d.Role, d.From, d.Until)).ToList());
}
