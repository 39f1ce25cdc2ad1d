using Dapper;

namespace Governance.Grids.Data;

/// <summary>The SQL of care subjects and their visits, in one place: writes take the unit of work, reads
/// any session (a subject is written back only if its version is still the one read). A care visit is a row of
/// visits (docs/assessment.md, "One visit model"): kind care, a single moment at the subject's courtyard, by its
/// visitor, with the subject, findings, case and who recorded it in the columns only care visits fill.</summary>
public static class CareStore
{
    private const string SubjectColumns = """
        s.id AS Id, s.kind AS Kind, s.name AS Name, s.id_number AS IdNumber, s.phone AS Phone, s.courtyard_code AS CourtyardCode,
        s.grid_worker_id AS GridWorkerId, s.visit_every_days AS VisitEveryDays, s.notes AS Notes, s.registered_at_ms AS RegisteredAtMs,
        s.registered_by AS RegisteredBy, s.last_visit_at_ms AS LastVisitAtMs, s.visit_due_at_ms AS VisitDueAtMs, s.version AS Version
        """;

    private class SubjectRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = default!;
        public string Name { get; init; } = default!;
        public string? IdNumber { get; init; }
        public string? Phone { get; init; }
        public string CourtyardCode { get; init; } = default!;
        public string GridWorkerId { get; init; } = default!;
        public int VisitEveryDays { get; init; }
        public string? Notes { get; init; }
        public long RegisteredAtMs { get; init; }
        public string RegisteredBy { get; init; } = default!;
        public long? LastVisitAtMs { get; init; }
        public long VisitDueAtMs { get; init; }
        public long Version { get; init; }

        public CareSubject ToSubject() => new(Id,
            Codes.TryParse<CareSubjectKind>(Kind, out var kind) ? kind : throw new InvalidOperationException($"Stored care kind '{Kind}' is unknown"),
            Name, IdNumber, Phone, CourtyardCode, GridWorkerId, VisitEveryDays, Notes, Time(RegisteredAtMs), RegisteredBy,
            LastVisitAtMs is { } last ? Time(last) : null, Time(VisitDueAtMs), Version);
    }

    private sealed class OverdueRow : SubjectRow
    {
        public string VillageCode { get; init; } = default!;
    }

    private sealed class VisitRow
    {
        public Guid Id { get; init; }
        public Guid SubjectId { get; init; }
        public string VisitedBy { get; init; } = default!;
        public long VisitedAtMs { get; init; }
        public string Findings { get; init; } = default!;
        public Guid? IncidentId { get; init; }
        public string RecordedBy { get; init; } = default!;
        public long RecordedAtMs { get; init; }
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static readonly string[] SubjectInsertColumns =
    [
        "id", "kind", "name", "id_number", "phone", "courtyard_code", "grid_worker_id", "visit_every_days", "notes",
        "registered_at_ms", "registered_by", "last_visit_at_ms", "visit_due_at_ms", "version",
    ];

    public static Task<int> InsertSubjectsAsync(UnitOfWork uow, IReadOnlyList<CareSubject> subjects) =>
        BulkInsert.RunAsync(uow, "care_subjects", SubjectInsertColumns, subjects, s =>
        [
            s.Id, Codes.Of(s.Kind), s.Name, s.IdNumber, s.Phone, s.CourtyardCode, s.GridWorkerId, s.VisitEveryDays, s.Notes,
            s.RegisteredAt.ToUnixTimeMilliseconds(), s.RegisteredBy, s.LastVisitAt?.ToUnixTimeMilliseconds(),
            s.VisitDueAt.ToUnixTimeMilliseconds(), s.Version,
        ]);

    public static async Task<CareSubject?> FindSubjectAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<SubjectRow>($"SELECT {SubjectColumns} FROM care_subjects s WHERE s.id = @id", new { id }))?.ToSubject();

    /// <summary>Records a visit and moves the subject's next due date, if nobody changed the subject meanwhile.
    /// <paramref name="updated"/> is the subject as the visit leaves it (its courtyard is where the visit was).</summary>
    public static async Task<bool> AddVisitAsync(UnitOfWork uow, CareVisit v, CareSubject updated, long readVersion)
    {
        var changed = await uow.ExecuteAsync("""
            UPDATE care_subjects SET last_visit_at_ms = @Last, visit_due_at_ms = @Due, version = @Version
            WHERE id = @Id AND version = @ReadVersion
            """, new
        {
            updated.Id, Last = updated.LastVisitAt?.ToUnixTimeMilliseconds(), Due = updated.VisitDueAt.ToUnixTimeMilliseconds(),
            updated.Version, ReadVersion = readVersion,
        });
        if (changed != 1) return false;
        await uow.ExecuteAsync("""
            INSERT INTO visits (id, kind, person_id, unit_code, started_at_ms, ended_at_ms, point_count, last_point_at_ms, version, ended_by,
                                subject_id, findings, incident_id, recorded_by, recorded_at_ms)
            VALUES (@Id, @Kind, @VisitedBy, @CourtyardCode, @VisitedAtMs, @VisitedAtMs, 0, NULL, 1, @VisitedBy,
                    @SubjectId, @Findings, @IncidentId, @RecordedBy, @RecordedAtMs)
            """, new
        {
            v.Id, Kind = Codes.Of(VisitKind.Care), v.VisitedBy, updated.CourtyardCode, VisitedAtMs = v.VisitedAt.ToUnixTimeMilliseconds(),
            v.SubjectId, v.Findings, v.IncidentId, v.RecordedBy, RecordedAtMs = v.RecordedAt.ToUnixTimeMilliseconds(),
        });
        return true;
    }

    public static async Task<IReadOnlyList<CareVisit>> VisitsAsync(DbSession session, Guid subjectId)
    {
        var rows = await session.QueryAsync<VisitRow>("""
            SELECT id AS Id, subject_id AS SubjectId, person_id AS VisitedBy, started_at_ms AS VisitedAtMs, findings AS Findings,
                   incident_id AS IncidentId, recorded_by AS RecordedBy, recorded_at_ms AS RecordedAtMs
            FROM visits WHERE subject_id = @subjectId AND kind = @kind ORDER BY started_at_ms, id
            """, new { subjectId, kind = Codes.Of(VisitKind.Care) });
        return rows.Select(r => new CareVisit(r.Id, r.SubjectId, r.VisitedBy, Time(r.VisitedAtMs), r.Findings, r.IncidentId,
            r.RecordedBy, Time(r.RecordedAtMs))).ToList();
    }

    /// <summary>Subjects by courtyard, grid worker or village (the village through the courtyard's
    /// current grid, so a re-gridded courtyard's subjects follow it).</summary>
    public static async Task<IReadOnlyList<CareSubject>> ListAsync(DbSession session, string? courtyardCode,
        string? gridWorkerId, string? villageCode, IReadOnlyCollection<string>? within, int limit, int offset)
    {
        var parameters = SqlList.With(new { courtyardCode, gridWorkerId, villageCode });
        var sql = ListSql(session.Provider, within, limit, offset, parameters);
        return (await session.QueryAsync<SubjectRow>(sql, parameters)).Select(r => r.ToSubject()).ToList();
    }

    /// <summary>Public so the SQL Server form can be parsed in tests.</summary>
    public static string ListSql(DatabaseProvider provider, IReadOnlyCollection<string>? within, int limit, int offset, DynamicParameters parameters) => $"""
        {(within is null ? "" : UnitStore.ReachSql(provider, within, parameters))}
        SELECT {SubjectColumns} FROM care_subjects s
        JOIN units cy ON cy.code = s.courtyard_code
        LEFT JOIN units g ON g.code = cy.parent_code
        WHERE (@courtyardCode IS NULL OR s.courtyard_code = @courtyardCode)
          AND (@gridWorkerId IS NULL OR s.grid_worker_id = @gridWorkerId)
          AND (@villageCode IS NULL OR g.parent_code = @villageCode)
          AND {(within is null ? "1 = 1" : "s.courtyard_code IN (SELECT code FROM reach_units)")}
        ORDER BY s.courtyard_code, s.id {Sql.Page(provider, limit, offset)}
        """;

    /// <summary>Subjects whose next visit was due before <paramref name="now"/>, most overdue first.</summary>
    public static async Task<IReadOnlyList<OverdueVisit>> OverdueAsync(DbSession session, string? gridWorkerId,
        string? villageCode, DateTimeOffset now, int limit)
    {
        var rows = await session.QueryAsync<OverdueRow>(OverdueSql(session.Provider, limit),
 new { gridWorkerId, villageCode, now = now.ToUnixTimeMilliseconds() });
        return rows.Select(r => new OverdueVisit(r.ToSubject(), r.VillageCode,
            Math.Round((now - Time(r.VisitDueAtMs)).TotalDays, 2))).ToList();
    }

    /// <summary>Public so the SQL Server form can be parsed in tests.</summary>
    public static string OverdueSql(DatabaseProvider provider, int limit) => $"""
        SELECT {SubjectColumns}, g.parent_code AS VillageCode FROM care_subjects s
        JOIN units cy ON cy.code = s.courtyard_code
        JOIN units g ON g.code = cy.parent_code
        WHERE s.visit_due_at_ms < @now
          AND (@gridWorkerId IS NULL OR s.grid_worker_id = @gridWorkerId)
          AND (@villageCode IS NULL OR g.parent_code = @villageCode)
        ORDER BY s.visit_due_at_ms, s.id {Sql.Page(provider, limit)}
        """;
}
