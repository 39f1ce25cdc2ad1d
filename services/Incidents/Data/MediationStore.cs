using System.Text.Json;

namespace Governance.Incidents.Data;

/// <summary>A village mediation session (乡贤评理堂): who mediates, between whom, when, and how it ended.</summary>
public sealed record MediationSession(Guid Id, Guid IncidentId, IReadOnlyList<string> Mediators, IReadOnlyList<string> Parties,
    DateTimeOffset ScheduledAt, string? Outcome, string? Agreement, string CreatedBy, DateTimeOffset CreatedAt,
    string? RecordedBy, DateTimeOffset? RecordedAt);

public static class MediationStore
{
    public const string Reached = "reached";
    public const string NotReached = "not-reached";

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid IncidentId { get; init; }
        public string Mediators { get; init; } = default!;
        public string Parties { get; init; } = default!;
        public long ScheduledAtMs { get; init; }
        public string? Outcome { get; init; }
        public string? Agreement { get; init; }
        public string CreatedBy { get; init; } = default!;
        public long CreatedAtMs { get; init; }
        public string? RecordedBy { get; init; }
        public long? RecordedAtMs { get; init; }

        public MediationSession ToSession() => new(Id, IncidentId, Names(Mediators), Names(Parties),
            DateTimeOffset.FromUnixTimeMilliseconds(ScheduledAtMs), Outcome, Agreement, CreatedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), RecordedBy,
            RecordedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private static IReadOnlyList<string> Names(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>The size of the mediators and parties columns.</summary>
    public const int MaxNamesText = 1000;

    // Chinese names as they are, not as \u escapes (six characters each), so that the column holds them.
    private static readonly JsonSerializerOptions NamesJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A list of names as stored: a JSON array.</summary>
    public static string NamesText(IReadOnlyList<string> names) => JsonSerializer.Serialize(names, NamesJson);

    private const string Columns = """
        id AS Id, incident_id AS IncidentId, mediators AS Mediators, parties AS Parties, scheduled_at_ms AS ScheduledAtMs,
        outcome AS Outcome, agreement AS Agreement, created_by AS CreatedBy, created_at_ms AS CreatedAtMs,
        recorded_by AS RecordedBy, recorded_at_ms AS RecordedAtMs
        """;

    public static Task InsertAsync(UnitOfWork uow, MediationSession s) => uow.ExecuteAsync("""
        INSERT INTO mediation_sessions (id, incident_id, mediators, parties, scheduled_at_ms, created_by, created_at_ms)
        VALUES (@Id, @IncidentId, @Mediators, @Parties, @ScheduledAtMs, @CreatedBy, @CreatedAtMs)
        """, new
    {
        s.Id, s.IncidentId, Mediators = NamesText(s.Mediators), Parties = NamesText(s.Parties),
        ScheduledAtMs = s.ScheduledAt.ToUnixTimeMilliseconds(), s.CreatedBy, CreatedAtMs = s.CreatedAt.ToUnixTimeMilliseconds(),
    });

    public static Task RecordOutcomeAsync(UnitOfWork uow, Guid id, string outcome, string? agreement, string by, DateTimeOffset at) =>
        uow.ExecuteAsync("UPDATE mediation_sessions SET outcome = @outcome, agreement = @agreement, recorded_by = @by, recorded_at_ms = @at WHERE id = @id",
            new { id, outcome, agreement, by, at = at.ToUnixTimeMilliseconds() });

    public static async Task<MediationSession?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM mediation_sessions WHERE id = @id", new { id }))?.ToSession();

    /// <summary>The sessions with these ids (a unit's list: UnitMediationStore), in no particular order.</summary>
    public static async Task<IReadOnlyList<MediationSession>> ManyAsync(DbSession session, IReadOnlyList<Guid> ids) =>
        ids.Count == 0 ? [] : (await session.QueryAsync<Row>($"SELECT {Columns} FROM mediation_sessions WHERE {Sql.In(session.Provider, "id", "ids")}", new { ids = ids.ToArray() }))
            .Select(r => r.ToSession()).ToList();

    public static async Task<IReadOnlyList<MediationSession>> ForIncidentAsync(DbSession session, Guid incidentId) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM mediation_sessions WHERE incident_id = @incidentId ORDER BY scheduled_at_ms", new { incidentId }))
        .Select(r => r.ToSession()).ToList();
}
