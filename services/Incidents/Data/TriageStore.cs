namespace Governance.Incidents.Data;

/// <summary>The SQL of the county's triage queue (待分拨) beyond what <see cref="IncidentStore"/> reads:
/// placing a call writes its unit and the ancestry the lists and dashboard key on.</summary>
public static class TriageStore
{
    /// <summary>Writes the unit a call was placed on, its grid, village and township, and its new status; the
    /// hotline that filed the call hears of the change by its callback (triage → filed), in the same transaction.</summary>
    public static async Task PlaceAsync(UnitOfWork uow, Incident placed)
    {
        await uow.ExecuteAsync(PlaceSql, new
        {
            placed.Id, placed.UnitCode, placed.Ancestry?.GridCode, placed.Ancestry?.VillageCode, placed.Ancestry?.TownshipCode,
            Status = Codes.Of(placed.Status), UpdatedAtMs = placed.UpdatedAt.ToUnixTimeMilliseconds(),
        });
        await CallbackStore.QueueAsync(uow, StatusChange.Of(placed, uow.Now));
    }

    private const string PlaceSql = """
        UPDATE incidents SET unit_code = @UnitCode, grid_code = @GridCode, village_code = @VillageCode, township_code = @TownshipCode,
            status = @Status, updated_at_ms = @UpdatedAtMs
        WHERE id = @Id
        """;

    /// <summary>A call in the queue and why it waits there (the placement's note on its timeline: codes, or the
    /// English text of a row written before them).</summary>
    public sealed record Waiting(Guid Id, string? Why, CodedReason? WhyCode);

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string? Why { get; init; }
    }

    /// <summary>How many calls wait in triage now.</summary>
    public static Task<long> CountAsync(DbSession session) =>
        session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE status = @status", new { status = Codes.Of(IncidentStatus.Triage) });

    /// <summary>Calls waiting in triage, the oldest first (a queue): rows offset+1 … offset+limit.</summary>
    public static async Task<IReadOnlyList<Waiting>> QueueAsync(DbSession session, int limit, int offset) =>
        (await session.QueryAsync<Row>($"""
            SELECT i.id AS Id, t.reason AS Why FROM incidents i
            LEFT JOIN timeline t ON t.incident_id = i.id AND t.action = @action
            WHERE i.status = @status
            ORDER BY i.filed_at_ms, i.id {Sql.Page(session.Provider, limit, offset)}
            """, new { action = TimelineAction.Triage, status = Codes.Of(IncidentStatus.Triage) }))
        .Select(r => CodedReason.FromStored(r.Why) is { } coded ? new Waiting(r.Id, coded.English(), coded) : new Waiting(r.Id, r.Why, null))
        .ToList();
}
