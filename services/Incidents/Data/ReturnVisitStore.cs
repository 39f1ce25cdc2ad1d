namespace Governance.Incidents.Data;

/// <summary>The SQL of 回访 links (return_visits, migration 0016): one per resolution of a case whose caller left a phone.</summary>
public static class ReturnVisitStore
{
    private const string Columns = """
        id AS Id, incident_id AS IncidentId, state AS State, created_at_ms AS CreatedAtMs, sent_at_ms AS SentAtMs,
        expires_at_ms AS ExpiresAtMs, ended_at_ms AS EndedAtMs, void_reason AS VoidReason
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid IncidentId { get; init; }
        public string State { get; init; } = default!;
        public long CreatedAtMs { get; init; }
        public long? SentAtMs { get; init; }
        public long? ExpiresAtMs { get; init; }
        public long? EndedAtMs { get; init; }
        public string? VoidReason { get; init; }

        private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

        public ReturnVisit ToVisit() => new(Id, IncidentId, State, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
            Time(SentAtMs), Time(ExpiresAtMs), Time(EndedAtMs), VoidReason);
    }

    public static Task InsertAsync(UnitOfWork uow, Guid id, Guid incidentId) => uow.ExecuteAsync("""
        INSERT INTO return_visits (id, incident_id, state, created_at_ms) VALUES (@id, @incidentId, 'open', @now)
        """, new { id, incidentId, now = uow.Now.ToUnixTimeMilliseconds() });

    /// <summary>Voids the case's open link (a new resolution, staff verification): its token answers 410 from now on.</summary>
    public static Task<int> VoidOpenAsync(UnitOfWork uow, Guid incidentId, string reason) => uow.ExecuteAsync("""
        UPDATE return_visits SET state = 'voided', void_reason = @reason, ended_at_ms = @now WHERE incident_id = @incidentId AND state = 'open'
        """, new { incidentId, reason, now = uow.Now.ToUnixTimeMilliseconds() });

    /// <summary>The link a token opens (locked, inside a change), or null.</summary>
    public static async Task<ReturnVisit?> FindByTokenAsync(DbSession session, string token) =>
        (await session.QuerySingleOrDefaultAsync<Row>(Sql.SelectForUpdate(session, Columns, "return_visits", "token_hash = @hash"),
            new { hash = ReturnVisitToken.Hash(token) }))?.ToVisit();

    public static async Task<ReturnVisit?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<Row>(Sql.SelectForUpdate(session, Columns, "return_visits", "id = @id"), new { id }))?.ToVisit();

    /// <summary>The token of the text being sent now: any token sent before for this link stops answering.</summary>
    public static Task SetTokenAsync(UnitOfWork uow, Guid id, string token, DateTimeOffset expiresAt) => uow.ExecuteAsync("""
        UPDATE return_visits SET token_hash = @hash, sent_at_ms = @now, expires_at_ms = @expires WHERE id = @id AND state = 'open'
        """, new { id, hash = ReturnVisitToken.Hash(token), now = uow.Now.ToUnixTimeMilliseconds(), expires = expiresAt.ToUnixTimeMilliseconds() });

    public static Task AnswerAsync(UnitOfWork uow, Guid id, Satisfaction answer, string? comment) => uow.ExecuteAsync("""
        UPDATE return_visits SET state = 'answered', satisfaction = @answer, comment = @comment, ended_at_ms = @now WHERE id = @id AND state = 'open'
        """, new { id, answer = Codes.Of(answer), comment, now = uow.Now.ToUnixTimeMilliseconds() });

    /// <summary>What the resident's page shows of the case: what was done, where, when — nothing personal.</summary>
    public sealed record CaseSummary(Category Category, string? PlaceName, DateTimeOffset? ResolvedAt, string? ResolutionNote);

    private sealed class SummaryRow
    {
        public string Category { get; init; } = default!;
        public string? PlaceName { get; init; }
        public long? ResolvedAtMs { get; init; }
    }

    public static async Task<CaseSummary?> SummaryAsync(DbSession session, Guid incidentId)
    {
        var row = await session.QuerySingleOrDefaultAsync<SummaryRow>("""
            SELECT i.category AS Category, u.name AS PlaceName, i.resolved_at_ms AS ResolvedAtMs
            FROM incidents i LEFT JOIN unit_copy u ON u.code = i.unit_code WHERE i.id = @incidentId
            """, new { incidentId });
        if (row is null || !Codes.TryParse<Category>(row.Category, out var category)) return null;
        // The note of the resolution this link is about: the latest.
        var note = (await TimelineStore.ListAsync(session, incidentId)).LastOrDefault(e => e.Action == TimelineAction.Resolved)?.Reason;
        return new CaseSummary(category, row.PlaceName, row.ResolvedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, note);
    }
}
