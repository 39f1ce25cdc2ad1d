namespace Governance.Grids.Data;

/// <summary>The SQL of the assessment: the county's weights, what Grids heard of each case, and the
/// monthly rollups the case events add to (docs/assessment.md).</summary>
public static class AssessmentStore
{
    public const string Person = "person";
    public const string Unit = "unit";

    private sealed class WeightsRow
    {
        public int PatrolDay { get; init; }
        public int CareVisitOnTime { get; init; }
        public int CaseFound { get; init; }
        public int SettledOnSpot { get; init; }
        public int ResolvedOnTime { get; init; }
        public int Satisfied { get; init; }
        public int Dissatisfied { get; init; }
        public int MissedDeadline { get; init; }
        public string ChangedBy { get; init; } = default!;
        public long ChangedAtMs { get; init; }
        public long Version { get; init; }
    }

    /// <summary>What Grids knows of a case from the events it heard.</summary>
    public sealed class CaseRow
    {
        public Guid IncidentId { get; init; }
        public string? FiledBy { get; set; }
        public string? HandlingUnitCode { get; set; }
        public long? DueAtMs { get; set; }
        public int Sequence { get; set; }
        public string? ResolvedBy { get; set; }
    }

    public sealed class CounterRow
    {
        public string Subject { get; init; } = default!;
        public string Metric { get; init; } = default!;
        public int Value { get; init; }
    }

    public static async Task<AssessmentWeights> WeightsAsync(DbSession session) =>
        (await session.QuerySingleOrDefaultAsync<WeightsRow>("""
            SELECT patrol_day AS PatrolDay, care_visit_on_time AS CareVisitOnTime, case_found AS CaseFound, settled_on_spot AS SettledOnSpot,
                   resolved_on_time AS ResolvedOnTime, satisfied AS Satisfied, dissatisfied AS Dissatisfied, missed_deadline AS MissedDeadline,
                   changed_by AS ChangedBy, changed_at_ms AS ChangedAtMs, version AS Version
            FROM assessment_weights WHERE id = 1
            """)) is { } r
            ? new(r.PatrolDay, r.CareVisitOnTime, r.CaseFound, r.SettledOnSpot, r.ResolvedOnTime, r.Satisfied, r.Dissatisfied, r.MissedDeadline,
                r.ChangedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.ChangedAtMs), r.Version)
            : AssessmentWeights.Defaults;

    /// <summary>Saves the weights if nobody saved others since <paramref name="readVersion"/> (0: the defaults, no row yet).</summary>
    public static async Task<bool> SaveWeightsAsync(UnitOfWork uow, AssessmentWeights w, long readVersion)
    {
        var p = new
        {
            w.PatrolDay, w.CareVisitOnTime, w.CaseFound, w.SettledOnSpot, w.ResolvedOnTime, w.Satisfied, w.Dissatisfied, w.MissedDeadline,
            w.ChangedBy, ChangedAtMs = w.ChangedAt.ToUnixTimeMilliseconds(), w.Version, ReadVersion = readVersion,
        };
        return await uow.ExecuteAsync(readVersion == 0
            ? Sql.InsertIfAbsent(uow.Provider, "assessment_weights",
                "id, patrol_day, care_visit_on_time, case_found, settled_on_spot, resolved_on_time, satisfied, dissatisfied, missed_deadline, changed_by, changed_at_ms, version",
                "1, @PatrolDay, @CareVisitOnTime, @CaseFound, @SettledOnSpot, @ResolvedOnTime, @Satisfied, @Dissatisfied, @MissedDeadline, @ChangedBy, @ChangedAtMs, @Version",
                "id", "id = 1")
            : """
              UPDATE assessment_weights SET patrol_day = @PatrolDay, care_visit_on_time = @CareVisitOnTime, case_found = @CaseFound,
                settled_on_spot = @SettledOnSpot, resolved_on_time = @ResolvedOnTime, satisfied = @Satisfied, dissatisfied = @Dissatisfied,
                missed_deadline = @MissedDeadline, changed_by = @ChangedBy, changed_at_ms = @ChangedAtMs, version = @Version
              WHERE id = 1 AND version = @ReadVersion
              """, p) == 1;
    }

    private const string CaseColumns = """
        incident_id AS IncidentId, filed_by AS FiledBy, handling_unit_code AS HandlingUnitCode, due_at_ms AS DueAtMs,
        sequence AS Sequence, resolved_by AS ResolvedBy
        """;

    public static Task<CaseRow?> FindCaseAsync(DbSession session, Guid incidentId) => session.QuerySingleOrDefaultAsync<CaseRow>(
        Sql.SelectForUpdate(session, CaseColumns, "assessment_cases", "incident_id = @incidentId"), new { incidentId });

    /// <summary>The case's row, locked; made first (blank: no filer, no holder, sequence 0) when nobody has it yet. Made by
    /// "insert if absent" and then read for update, both in one command (one round trip, every event of every case):
    /// two events of one new case handled at once (two groups, two instances) would both have found nothing, and the
    /// second insert failed on the key and went round MassTransit's retries; here the second waits for the first's row
    /// and reads it.</summary>
    public static Task<CaseRow> LockCaseAsync(UnitOfWork uow, Guid incidentId) => uow.QuerySingleAsync<CaseRow>(
        Sql.Batch(uow.Provider,
            Sql.InsertIfAbsent(uow.Provider, "assessment_cases", "incident_id, filed_by, handling_unit_code, due_at_ms, sequence, resolved_by",
                "@incidentId, NULL, NULL, NULL, 0, NULL", "incident_id", "incident_id = @incidentId"),
            Sql.SelectForUpdate(uow, CaseColumns, "assessment_cases", "incident_id = @incidentId")),
        new { incidentId });

    public static Task SaveCaseAsync(UnitOfWork uow, CaseRow c) => uow.ExecuteAsync("""
          UPDATE assessment_cases SET filed_by = @FiledBy, handling_unit_code = @HandlingUnitCode, due_at_ms = @DueAtMs,
            sequence = @Sequence, resolved_by = @ResolvedBy WHERE incident_id = @IncidentId
          """, c);

    /// <summary>Adds to a person's or unit's counter of a month.
    /// Applied at the commit with the transaction's other counter rows, in one lock order (CounterChanges).</summary>
    public static Task IncrementAsync(UnitOfWork uow, AssessmentMonth month, string kind, string subject, string metric, int by = 1)
    {
        uow.AddToCounters(Months, new Dictionary<string, object?>
        {
            ["month_key"] = month.Key, ["subject_kind"] = kind, ["subject"] = subject, ["metric"] = metric, ["value"] = by,
        });
        return Task.CompletedTask;
    }

    private static readonly CounterTable Months = new(10, "assessment_months", ["month_key", "subject_kind", "subject", "metric"], ["value"]);

    /// <summary>Every counter of one kind in a month (a county's month is a few rows per person).</summary>
    public static async Task<IReadOnlyList<CounterRow>> CountersAsync(DbSession session, AssessmentMonth month, string kind) =>
        (await session.QueryAsync<CounterRow>(
            "SELECT subject AS Subject, metric AS Metric, value AS Value FROM assessment_months WHERE month_key = @key AND subject_kind = @kind",
            new { key = month.Key, kind })).ToList();
}
