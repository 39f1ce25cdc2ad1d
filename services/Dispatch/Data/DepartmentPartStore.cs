namespace Governance.Dispatch.Data;

/// <summary>The SQL of departments' parts in cases (table co_handlers: the lead has a row too).</summary>
public static class DepartmentPartStore
{
    private const string Columns = """
        d.incident_id AS IncidentId, d.department_code AS DepartmentCode, d.role AS Role, d.due_at_ms AS DueAtMs,
        d.assigned_at_ms AS AssignedAtMs, d.checked_in_at_ms AS CheckedInAtMs, d.checked_in_by AS CheckedInBy,
        d.last_feedback_at_ms AS LastFeedbackAtMs, d.feedback_count AS FeedbackCount, d.finished_at_ms AS FinishedAtMs,
        d.finished_by AS FinishedBy
        """;

    private class Row
    {
        public Guid IncidentId { get; init; }
        public string DepartmentCode { get; init; } = default!;
        public string Role { get; init; } = default!;
        public long DueAtMs { get; init; }
        public long AssignedAtMs { get; init; }
        public long? CheckedInAtMs { get; init; }
        public string? CheckedInBy { get; init; }
        public long? LastFeedbackAtMs { get; init; }
        public int FeedbackCount { get; init; }
        public long? FinishedAtMs { get; init; }
        public string? FinishedBy { get; init; }

        public DepartmentPart ToPart() => new(IncidentId, DepartmentCode,
            Codes.TryParse<DepartmentRole>(Role, out var role) ? role : DepartmentRole.CoHandler,
            Time(DueAtMs), Time(AssignedAtMs), Time(CheckedInAtMs), CheckedInBy, Time(LastFeedbackAtMs), FeedbackCount,
            Time(FinishedAtMs), FinishedBy);
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    private static DateTimeOffset? Time(long? ms) => ms is { } v ? Time(v) : null;

    private static object Parameters(DepartmentPart p) => new
    {
        p.IncidentId, p.DepartmentCode, Role = Codes.Of(p.Role), DueAtMs = p.DueAt.ToUnixTimeMilliseconds(),
        AssignedAtMs = p.CalledInAt.ToUnixTimeMilliseconds(), CheckedInAtMs = p.CheckedInAt?.ToUnixTimeMilliseconds(), p.CheckedInBy,
        LastFeedbackAtMs = p.LastFeedbackAt?.ToUnixTimeMilliseconds(), p.FeedbackCount, FinishedAtMs = p.FinishedAt?.ToUnixTimeMilliseconds(),
        p.FinishedBy,
    };

    /// <summary>The departments called in on a case now, lead first.</summary>
    public static async Task<IReadOnlyList<DepartmentPart>> ForCaseAsync(DbSession session, Guid incidentId) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM co_handlers d WHERE d.incident_id = @incidentId ORDER BY d.role DESC, d.department_code",
            new { incidentId })).Select(r => r.ToPart()).ToList();

    /// <summary>
    /// Calls in exactly these departments. One called in before keeps its check-in and feedback (its
    /// role and deadline are the new ones); one no longer called is released.
    /// </summary>
    public static async Task ReplaceAsync(UnitOfWork uow, Guid incidentId, IReadOnlyList<DepartmentPart> called)
    {
        var before = (await ForCaseAsync(uow, incidentId)).ToDictionary(p => p.DepartmentCode, StringComparer.Ordinal);
        await ReleaseAllAsync(uow, incidentId);
        foreach (var part in called)
        {
            var kept = before.TryGetValue(part.DepartmentCode, out var earlier)
                ? earlier with { Role = part.Role, DueAt = part.DueAt }
                : part;
            await InsertAsync(uow, kept);
        }
    }

    public static Task InsertAsync(UnitOfWork uow, DepartmentPart p) => uow.ExecuteAsync("""
        INSERT INTO co_handlers (incident_id, department_code, role, due_at_ms, assigned_at_ms, checked_in_at_ms, checked_in_by,
            last_feedback_at_ms, feedback_count, finished_at_ms, finished_by)
        VALUES (@IncidentId, @DepartmentCode, @Role, @DueAtMs, @AssignedAtMs, @CheckedInAtMs, @CheckedInBy,
            @LastFeedbackAtMs, @FeedbackCount, @FinishedAtMs, @FinishedBy)
        """, Parameters(p));

    public static Task UpdateAsync(UnitOfWork uow, DepartmentPart p) => uow.ExecuteAsync("""
        UPDATE co_handlers SET role = @Role, due_at_ms = @DueAtMs, checked_in_at_ms = @CheckedInAtMs, checked_in_by = @CheckedInBy,
            last_feedback_at_ms = @LastFeedbackAtMs, feedback_count = @FeedbackCount, finished_at_ms = @FinishedAtMs, finished_by = @FinishedBy
        WHERE incident_id = @IncidentId AND department_code = @DepartmentCode
        """, Parameters(p));

    /// <summary>The case moved to another unit: the departments that unit called in are done with it
    /// (the history keeps what they did).</summary>
    public static Task ReleaseAllAsync(UnitOfWork uow, Guid incidentId) =>
        uow.ExecuteAsync("DELETE FROM co_handlers WHERE incident_id = @incidentId", new { incidentId });

    private sealed class InboxRow : Row
    {
        public string Category { get; init; } = default!;
        public string Grade { get; init; } = default!;
        public string Tier { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public string PlaceCode { get; init; } = default!;
        public long CaseDueAtMs { get; init; }
        public string Status { get; init; } = default!;
    }

    /// <summary>One open part in a department's inbox, with the case it belongs to.</summary>
    public sealed record InboxEntry(DepartmentPart Part, Category Category, Grade Grade, Tier Tier, string UnitCode, string PlaceCode,
        DateTimeOffset CaseDueAt, string CaseStatus);

    /// <summary>A department's unfinished parts in open cases.</summary>
    public static async Task<IReadOnlyList<InboxEntry>> InboxAsync(DbSession session, string departmentCode, int limit)
    {
        var sql = $"""
            SELECT {Columns}, a.category AS Category, a.grade AS Grade, a.tier AS Tier, a.unit_code AS UnitCode, a.place_code AS PlaceCode,
                   a.due_at_ms AS CaseDueAtMs, a.status AS Status
            FROM co_handlers d JOIN assignments a ON a.incident_id = d.incident_id
            WHERE d.department_code = @departmentCode AND d.finished_at_ms IS NULL AND a.status IN ('active', 'overdue')
            ORDER BY d.due_at_ms {Sql.Page(session.Provider, limit)}
            """;
        return (await session.QueryAsync<InboxRow>(sql, new { departmentCode }))
            .Select(r => new InboxEntry(r.ToPart(), Parse<Category>(r.Category), Parse<Grade>(r.Grade), Parse<Tier>(r.Tier), r.UnitCode,
                r.PlaceCode, Time(r.CaseDueAtMs), r.Status)).ToList();
    }

    private static T Parse<T>(string code) where T : struct, Enum =>
        Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Stored {typeof(T).Name} '{code}' is unknown");
}
