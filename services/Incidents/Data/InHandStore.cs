namespace Governance.Incidents.Data;

/// <summary>The SQL of 包案 (cases_in_hand, migration 0019): who holds a case in hand, since when, his
/// instructions, who verified it and when he signed it off.</summary>
public static class InHandStore
{
    private const string Columns = """
        incident_id AS IncidentId, leader AS Leader, taken_at_ms AS TakenAtMs, instructions AS Instructions,
        verified_by AS VerifiedBy, signed_off_at_ms AS SignedOffAtMs
        """;

    private sealed class Row
    {
        public Guid IncidentId { get; init; }
        public string Leader { get; init; } = default!;
        public long TakenAtMs { get; init; }
        public string? Instructions { get; init; }
        public string? VerifiedBy { get; init; }
        public long? SignedOffAtMs { get; init; }

        public CaseInHand ToCase() => new(IncidentId, Leader, DateTimeOffset.FromUnixTimeMilliseconds(TakenAtMs), Instructions, VerifiedBy,
            SignedOffAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    /// <summary>The case's leader, or null when nobody took it in hand. Inside a change the case's row is
    /// locked already (read first), so this plain read is in its transaction.</summary>
    public static async Task<CaseInHand?> FindAsync(DbSession session, Guid incidentId) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM cases_in_hand WHERE incident_id = @incidentId",
            new { incidentId }))?.ToCase();

    /// <summary>The 包案 records of a page of cases (those taken in hand): one statement for the page.</summary>
    public static async Task<IReadOnlyDictionary<Guid, CaseInHand>> FindManyAsync(DbSession session, IReadOnlyList<Guid> ids) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM cases_in_hand WHERE {Sql.In(session.Provider, "incident_id", "ids")}", new { ids = ids.ToArray() }))
        .ToDictionary(r => r.IncidentId, r => r.ToCase());

    public static Task InsertAsync(UnitOfWork uow, CaseInHand taken, PlaceAncestry? place) => uow.ExecuteAsync("""
        INSERT INTO cases_in_hand (incident_id, leader, taken_at_ms, instructions, township_code, village_code)
        VALUES (@IncidentId, @Leader, @TakenAtMs, @Instructions, @TownshipCode, @VillageCode)
        """, new
    {
        taken.IncidentId, taken.Leader, TakenAtMs = taken.Since.ToUnixTimeMilliseconds(), taken.Instructions,
        place?.TownshipCode, place?.VillageCode,
    });

    public static Task VerifiedAsync(UnitOfWork uow, Guid incidentId, string verifiedBy) =>
        uow.ExecuteAsync("UPDATE cases_in_hand SET verified_by = @verifiedBy WHERE incident_id = @incidentId", new { incidentId, verifiedBy });

    public static Task SignedOffAsync(UnitOfWork uow, Guid incidentId) =>
        uow.ExecuteAsync("UPDATE cases_in_hand SET signed_off_at_ms = @now WHERE incident_id = @incidentId",
            new { incidentId, now = uow.Now.ToUnixTimeMilliseconds() });

    /// <summary>The cases in the leader's hand, newest filed first (as every case list); <paramref name="openOnly"/>:
    /// only those not closed or merged yet.</summary>
    public static async Task<IReadOnlyList<Incident>> OfLeaderAsync(DbSession session, string leader, bool openOnly, int limit, int offset) =>
        (await IncidentStore.TaggedAsync(session, $"""
            SELECT {IncidentStore.Columns}, 'in-hand' AS Tag FROM incidents
            WHERE id IN (SELECT incident_id FROM cases_in_hand WHERE leader = @leader)
            {(openOnly ? "AND status NOT IN ('closed', 'merged')" : "")}
            ORDER BY filed_at_ms DESC, id DESC {Sql.Page(session.Provider, limit, offset)}
            """, new { leader })).Select(x => x.Incident).ToList();
}
