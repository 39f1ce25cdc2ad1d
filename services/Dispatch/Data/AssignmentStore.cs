using Dapper;

namespace Governance.Dispatch.Data;

/// <summary>The SQL of assignments and escalations, in one place.</summary>
public static class AssignmentStore
{
    private const string Columns = """
        incident_id AS IncidentId, place_code AS PlaceCode, category AS Category, grade AS Grade, tier AS Tier,
        unit_code AS UnitCode, due_at_ms AS DueAtMs, status AS Status, sequence AS Sequence,
        policy_version AS PolicyVersion, accepted_at_ms AS AcceptedAtMs, started_at_ms AS StartedAtMs,
        ack_due_at_ms AS AckDueAtMs, yellow_at_ms AS YellowAtMs, yellow_warned_at_ms AS YellowWarnedAtMs,
        supervised_at_ms AS SupervisedAtMs, lead_department_code AS LeadDepartmentCode
        """;

    private sealed class Row
    {
        public Guid IncidentId { get; init; }
        public string PlaceCode { get; init; } = default!;
        public string Category { get; init; } = default!;
        public string Grade { get; init; } = default!;
        public string Tier { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public long DueAtMs { get; init; }
        public string Status { get; init; } = default!;
        public int Sequence { get; init; }
        public int PolicyVersion { get; init; }
        public long? AcceptedAtMs { get; init; }
        public long? StartedAtMs { get; init; }
        public long? AckDueAtMs { get; init; }
        public long? YellowAtMs { get; init; }
        public long? YellowWarnedAtMs { get; init; }
        public long? SupervisedAtMs { get; init; }
        public string? LeadDepartmentCode { get; init; }

        public Assignment ToAssignment() => new(IncidentId, PlaceCode, Parse<Category>(Category), Parse<Grade>(Grade),
            Parse<Tier>(Tier), UnitCode, DateTimeOffset.FromUnixTimeMilliseconds(DueAtMs), Status, Sequence, PolicyVersion,
            Time(AcceptedAtMs), Time(StartedAtMs) ?? DateTimeOffset.FromUnixTimeMilliseconds(DueAtMs), Time(AckDueAtMs),
            Time(YellowAtMs) ?? DateTimeOffset.FromUnixTimeMilliseconds(DueAtMs), Time(YellowWarnedAtMs), Time(SupervisedAtMs),
            LeadDepartmentCode);
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static T Parse<T>(string code) where T : struct, Enum =>
        Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Stored {typeof(T).Name} '{code}' is unknown");

    private static object Parameters(Assignment a, DateTimeOffset now) => new
    {
        a.IncidentId, a.PlaceCode, Category = Codes.Of(a.Category), Grade = Codes.Of(a.Grade), Tier = Codes.Of(a.Tier),
        a.UnitCode, DueAtMs = a.DueAt.ToUnixTimeMilliseconds(), a.Status, a.Sequence, a.PolicyVersion,
        AcceptedAtMs = a.AcceptedAt?.ToUnixTimeMilliseconds(), UpdatedAtMs = now.ToUnixTimeMilliseconds(),
        StartedAtMs = a.StartedAt.ToUnixTimeMilliseconds(), AckDueAtMs = a.AcknowledgeBy?.ToUnixTimeMilliseconds(),
        YellowAtMs = a.YellowAt.ToUnixTimeMilliseconds(), YellowWarnedAtMs = a.YellowWarnedAt?.ToUnixTimeMilliseconds(),
        SupervisedAtMs = a.SupervisedAt?.ToUnixTimeMilliseconds(), a.LeadDepartmentCode,
    };

    public static Task InsertAsync(UnitOfWork uow, Assignment a, DateTimeOffset now) => uow.ExecuteAsync("""
        INSERT INTO assignments (incident_id, place_code, category, grade, tier, unit_code, due_at_ms, status, sequence, policy_version,
            accepted_at_ms, updated_at_ms, started_at_ms, ack_due_at_ms, yellow_at_ms, yellow_warned_at_ms, supervised_at_ms, lead_department_code)
        VALUES (@IncidentId, @PlaceCode, @Category, @Grade, @Tier, @UnitCode, @DueAtMs, @Status, @Sequence, @PolicyVersion,
            @AcceptedAtMs, @UpdatedAtMs, @StartedAtMs, @AckDueAtMs, @YellowAtMs, @YellowWarnedAtMs, @SupervisedAtMs, @LeadDepartmentCode)
        """, Parameters(a, now));

    public static Task UpdateAsync(UnitOfWork uow, Assignment a, DateTimeOffset now) => uow.ExecuteAsync("""
        UPDATE assignments SET grade = @Grade, tier = @Tier, unit_code = @UnitCode, due_at_ms = @DueAtMs, status = @Status,
            sequence = @Sequence, accepted_at_ms = @AcceptedAtMs, updated_at_ms = @UpdatedAtMs, started_at_ms = @StartedAtMs,
            ack_due_at_ms = @AckDueAtMs, yellow_at_ms = @YellowAtMs, yellow_warned_at_ms = @YellowWarnedAtMs,
            supervised_at_ms = @SupervisedAtMs, lead_department_code = @LeadDepartmentCode
        WHERE incident_id = @IncidentId
        """, Parameters(a, now));

    /// <summary>The case's assignment; in a transaction, locked until it ends (read to be written
    /// back: see <see cref="Sql.SelectForUpdate"/>).</summary>
    public static async Task<Assignment?> FindAsync(DbSession session, Guid incidentId)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>(Sql.SelectForUpdate(session, Columns, "assignments", "incident_id = @incidentId"), new { incidentId });
        return row?.ToAssignment();
    }

    /// <summary>What a sweep looks for: each with its own partial index.</summary>
    public enum Clock
    {
        /// <summary>The tier's deadline passed.</summary>
        Due,
        /// <summary>Nobody acknowledged in time.</summary>
        Acknowledgement,
        /// <summary>A yellow card is due.</summary>
        Yellow,
    }

    /// <summary>Claims running clocks of one kind that passed, locked so a second sweeper skips them.</summary>
    public static async Task<IReadOnlyList<Assignment>> ClaimPassedAsync(UnitOfWork uow,
        Clock clock, DateTimeOffset now, int limit)
    {
        var (where, order) = clock switch
        {
            Clock.Due => ("status = 'active' AND due_at_ms <= @Now", "due_at_ms"),
            Clock.Acknowledgement => ("status = 'active' AND accepted_at_ms IS NULL AND ack_due_at_ms <= @Now", "ack_due_at_ms"),
            _ => ("status = 'active' AND yellow_warned_at_ms IS NULL AND yellow_at_ms <= @Now", "yellow_at_ms"),
        };
        var sql = Sql.ClaimRows(uow.Provider, Columns, "assignments", where, order, limit);
        return (await uow.QueryAsync<Row>(sql, new { Now = now.ToUnixTimeMilliseconds() })).Select(r => r.ToAssignment()).ToList();
    }

    /// <summary>The open cases on a unit's board: those it handles now and those it has a live board note
    /// about (shown from above: grade I/II, an urge prompt, 超期预警), the soonest due first.</summary>
    /// <summary>A unit's board: the cases it holds and those its live notes show it, as one row each.</summary>
    private const string Board = $"""
        SELECT a.* FROM assignments a WHERE a.unit_code = @unitCode AND a.status IN ('active', 'overdue')
        UNION
        SELECT a.* FROM assignments a WHERE a.status IN ('active', 'overdue')
            AND a.incident_id IN (SELECT n.incident_id FROM board_notes n WHERE n.unit_code = @unitCode) AND {BoardNoteStore.LiveNoteFor}
        """;

    /// <summary>How many cases a unit's board holds now (of those the filter lets through).</summary>
    public static Task<long> CountQueueAsync(DbSession session, string unitCode, BoardFilter? filter = null)
    {
        var parameters = new DynamicParameters(new { unitCode });
        return session.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM ({Board}) a WHERE {(filter ?? new BoardFilter()).Where(parameters)}", parameters);
    }

    /// <summary>One page of a unit's board in the board's own order (<c>BoardQueue.Compose</c>): red, then yellow at
    /// <paramref name="now"/>, then grade I before IV, then the soonest due; sorted here so that pages follow on.</summary>
    public static async Task<IReadOnlyList<Assignment>> QueueAsync(DbSession session, string unitCode, DateTimeOffset now, int limit, int offset,
        BoardFilter? filter = null)
    {
        var parameters = new DynamicParameters(new { unitCode, nowMs = now.ToUnixTimeMilliseconds() });
        // A union, not an OR: each half uses its own index (the unit's cases; the unit's notes).
        var sql = $"""
            SELECT {Columns} FROM ({Board}) a
            WHERE {(filter ?? new BoardFilter()).Where(parameters)}
            ORDER BY CASE WHEN a.status = 'overdue' OR a.due_at_ms <= @nowMs THEN 0
                          WHEN COALESCE(a.yellow_at_ms, a.due_at_ms) <= @nowMs THEN 1 ELSE 2 END,
                CASE a.grade WHEN 'I' THEN 1 WHEN 'II' THEN 2 WHEN 'III' THEN 3 ELSE 4 END, a.due_at_ms, a.incident_id
            {Sql.Page(session.Provider, limit, offset)}
            """;
        return (await session.QueryAsync<Row>(sql, parameters)).Select(r => r.ToAssignment()).ToList();
    }

    public static Task InsertEscalationAsync(UnitOfWork uow, Guid incidentId, Escalation e) => uow.ExecuteAsync("""
        INSERT INTO escalations (id, incident_id, from_tier, to_tier, reason, note, at_ms, actor)
        VALUES (@Id, @IncidentId, @FromTier, @ToTier, @Reason, @Note, @AtMs, @Actor)
        """, new
    {
        Id = Guid.CreateVersion7(), IncidentId = incidentId, FromTier = Codes.Of(e.FromTier), ToTier = Codes.Of(e.ToTier),
        Reason = Codes.Of(e.Reason), e.Note, AtMs = e.At.ToUnixTimeMilliseconds(), Actor = e.By,
    });

    private sealed class EscalationRow
    {
        public string FromTier { get; init; } = default!;
        public string ToTier { get; init; } = default!;
        public string Reason { get; init; } = default!;
        public string? Note { get; init; }
        public long AtMs { get; init; }
        public string? Actor { get; init; }
    }

    public static async Task<IReadOnlyList<Escalation>> EscalationsAsync(DbSession session, Guid incidentId)
    {
        var rows = await session.QueryAsync<EscalationRow>(
            "SELECT from_tier AS FromTier, to_tier AS ToTier, reason AS Reason, note AS Note, at_ms AS AtMs, actor AS Actor FROM escalations WHERE incident_id = @incidentId ORDER BY at_ms",
            new { incidentId });
        return rows.Select(r => new Escalation(Parse<Tier>(r.FromTier), Parse<Tier>(r.ToTier), Parse<EscalationReason>(r.Reason), r.Note,
            DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Actor)).ToList();
    }
}
