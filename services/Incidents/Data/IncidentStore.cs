using Dapper;

namespace Governance.Incidents.Data;

/// <summary>The SQL of cases, in one place (their timelines: <see cref="TimelineStore"/>).</summary>
public static class IncidentStore
{
    internal const string Columns = """
        id AS Id, unit_code AS UnitCode, category AS Category, grade AS Grade, title AS Title, description AS Description,
        lat AS Lat, lng AS Lng, status AS Status, tier AS Tier, handling_unit_code AS HandlingUnitCode, due_at_ms AS DueAtMs,
        assignment_sequence AS AssignmentSequence, flagged_overdue_at_ms AS FlaggedOverdueAtMs, reported_by AS ReportedBy,
        filed_at_ms AS FiledAtMs, updated_at_ms AS UpdatedAtMs, resolved_by AS ResolvedBy, resolved_on_the_spot AS ResolvedOnTheSpot,
        not_solved_count AS NotSolvedCount, satisfaction AS Satisfaction, supervised_at_ms AS SupervisedAtMs,
        lead_department_code AS LeadDepartmentCode, deaths AS Deaths, seriously_injured AS SeriouslyInjured, direct_loss_yuan AS DirectLossYuan,
        possible_duplicate_of AS PossibleDuplicateOf, merged_into AS MergedInto, grid_code AS GridCode, village_code AS VillageCode,
        township_code AS TownshipCode, overdue AS Overdue, ever_overdue AS EverOverdue, resolved_at_ms AS ResolvedAtMs
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string UnitCode { get; init; } = default!;
        public string Category { get; init; } = default!;
        public string Grade { get; init; } = default!;
        public string Title { get; init; } = default!;
        public string Description { get; init; } = default!;
        public double? Lat { get; init; }
        public double? Lng { get; init; }
        public string Status { get; init; } = default!;
        public string? Tier { get; init; }
        public string? HandlingUnitCode { get; init; }
        public long? DueAtMs { get; init; }
        public int AssignmentSequence { get; init; }
        public long? FlaggedOverdueAtMs { get; init; }
        public string ReportedBy { get; init; } = default!;
        public long FiledAtMs { get; init; }
        public long UpdatedAtMs { get; init; }
        public string? ResolvedBy { get; init; }
        public int ResolvedOnTheSpot { get; init; }
        public int NotSolvedCount { get; init; }
        public string? Satisfaction { get; init; }
        public long? SupervisedAtMs { get; init; }
        public string? LeadDepartmentCode { get; init; }
        public int? Deaths { get; init; }
        public int? SeriouslyInjured { get; init; }
        public long? DirectLossYuan { get; init; }
        public Guid? PossibleDuplicateOf { get; init; }
        public Guid? MergedInto { get; init; }
        public string? GridCode { get; init; }
        public string? VillageCode { get; init; }
        public string? TownshipCode { get; init; }
        public int Overdue { get; init; }
        public int EverOverdue { get; init; }
        public long? ResolvedAtMs { get; init; }
        /// <summary>A label the query adds (a work list's bucket); null otherwise.</summary>
        public string? Tag { get; init; }
        /// <summary>Read only with an Idempotency-Key (<see cref="FindByIdempotencyKeyAsync"/>).</summary>
        public string? IdempotencyHash { get; init; }

        public Incident ToIncident() => new(Id, UnitCode, Parse<Category>(Category), Parse<Grade>(Grade), Title, Description,
            Lat is { } lat && Lng is { } lng ? new Location(lat, lng) : null, Parse<IncidentStatus>(Status),
            Tier is null ? null : Parse<Tier>(Tier), HandlingUnitCode, Time(DueAtMs), AssignmentSequence, Time(FlaggedOverdueAtMs),
            ReportedBy, DateTimeOffset.FromUnixTimeMilliseconds(FiledAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs),
            ResolvedBy, ResolvedOnTheSpot != 0, NotSolvedCount, Satisfaction is null ? null : Parse<Satisfaction>(Satisfaction),
            Time(SupervisedAtMs), LeadDepartmentCode,
            Deaths is null ? null : new Casualties(Deaths.Value, SeriouslyInjured ?? 0, DirectLossYuan ?? 0),
            PossibleDuplicateOf, MergedInto,
            GridCode is null || VillageCode is null || TownshipCode is null ? null : new PlaceAncestry(GridCode, VillageCode, TownshipCode),
            Overdue != 0, Time(ResolvedAtMs), EverOverdue != 0);
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
    private static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    /// <summary>A stored code as its enum; an unknown one is corruption, never a default.</summary>
    internal static T Parse<T>(string code) where T : struct, Enum =>
        Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Stored {typeof(T).Name} '{code}' is unknown");

    private static object Parameters(Incident i, Handling.IdempotencyKey? idempotencyKey = null) => new
    {
        i.Id, i.UnitCode, Category = Codes.Of(i.Category), Grade = Codes.Of(i.Grade), i.Title, i.Description,
        Lat = i.Location?.Lat, Lng = i.Location?.Lng, Status = Codes.Of(i.Status), Tier = i.Tier is { } t ? Codes.Of(t) : null,
        i.HandlingUnitCode, DueAtMs = Ms(i.DueAt), i.AssignmentSequence, FlaggedOverdueAtMs = Ms(i.FlaggedOverdueAt),
        i.ReportedBy, FiledAtMs = i.FiledAt.ToUnixTimeMilliseconds(), UpdatedAtMs = i.UpdatedAt.ToUnixTimeMilliseconds(),
        IdempotencyKey = idempotencyKey?.Key, IdempotencyHash = idempotencyKey?.RequestHash, i.ResolvedBy, ResolvedOnTheSpot = i.ResolvedOnTheSpot ? 1 : 0, i.NotSolvedCount,
        Satisfaction = i.Satisfaction is { } sat ? Codes.Of(sat) : null, SupervisedAtMs = Ms(i.SupervisedAt), i.LeadDepartmentCode,
        Deaths = i.Casualties?.Deaths, SeriouslyInjured = i.Casualties?.SeriouslyInjured, DirectLossYuan = i.Casualties?.DirectLossYuan,
        i.PossibleDuplicateOf, i.MergedInto, i.Ancestry?.GridCode, i.Ancestry?.VillageCode, i.Ancestry?.TownshipCode,
        Overdue = i.Overdue ? 1 : 0, EverOverdue = i.EverOverdue ? 1 : 0, ResolvedAtMs = Ms(i.ResolvedAt),
    };

    public static Task InsertAsync(UnitOfWork uow, Incident i, Handling.IdempotencyKey? idempotencyKey) => uow.ExecuteAsync("""
        INSERT INTO incidents (id, unit_code, category, grade, title, description, lat, lng, status, tier, handling_unit_code,
            due_at_ms, assignment_sequence, flagged_overdue_at_ms, reported_by, filed_at_ms, updated_at_ms, idempotency_key, idempotency_hash,
            resolved_by, resolved_on_the_spot, not_solved_count, satisfaction, supervised_at_ms, lead_department_code,
            deaths, seriously_injured, direct_loss_yuan, possible_duplicate_of, merged_into, grid_code, village_code, township_code,
            overdue, ever_overdue, resolved_at_ms)
        VALUES (@Id, @UnitCode, @Category, @Grade, @Title, @Description, @Lat, @Lng, @Status, @Tier, @HandlingUnitCode,
            @DueAtMs, @AssignmentSequence, @FlaggedOverdueAtMs, @ReportedBy, @FiledAtMs, @UpdatedAtMs, @IdempotencyKey, @IdempotencyHash,
            @ResolvedBy, @ResolvedOnTheSpot, @NotSolvedCount, @Satisfaction, @SupervisedAtMs, @LeadDepartmentCode,
            @Deaths, @SeriouslyInjured, @DirectLossYuan, @PossibleDuplicateOf, @MergedInto, @GridCode, @VillageCode, @TownshipCode,
            @Overdue, @EverOverdue, @ResolvedAtMs)
        """, Parameters(i, idempotencyKey));

    /// <summary>Writes the mutable part of a case: status, grade, current assignment, verification, figures.
    /// Every change of a case goes through here, so a change of status of a case filed through Open311 is
    /// queued for its client system's callback here too, in the same transaction (issue #14).</summary>
    public static async Task UpdateAsync(UnitOfWork uow, Incident i)
    {
        var before = StatusChange.Follows(i) ? await uow.ExecuteScalarAsync<string>("SELECT status FROM incidents WHERE id = @Id", new { i.Id }) : null;
        await uow.ExecuteAsync(UpdateSql, Parameters(i));
        if (before is not null && before != Codes.Of(i.Status)) await CallbackStore.QueueAsync(uow, StatusChange.Of(i, uow.Now));
    }

    private const string UpdateSql = """
        UPDATE incidents SET status = @Status, grade = @Grade, tier = @Tier, handling_unit_code = @HandlingUnitCode, due_at_ms = @DueAtMs,
            assignment_sequence = @AssignmentSequence, flagged_overdue_at_ms = @FlaggedOverdueAtMs, updated_at_ms = @UpdatedAtMs,
            resolved_by = @ResolvedBy, not_solved_count = @NotSolvedCount, satisfaction = @Satisfaction,
            supervised_at_ms = @SupervisedAtMs, lead_department_code = @LeadDepartmentCode,
            deaths = @Deaths, seriously_injured = @SeriouslyInjured, direct_loss_yuan = @DirectLossYuan, merged_into = @MergedInto,
            overdue = @Overdue, ever_overdue = @EverOverdue, resolved_at_ms = @ResolvedAtMs
        WHERE id = @Id
        """;

    /// <summary>The case; in a transaction, locked until it ends (read to be written back: see
    /// <see cref="Sql.SelectForUpdate"/>).</summary>
    public static async Task<Incident?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<Row>(Sql.SelectForUpdate(session, Columns, "incidents", "id = @id"), new { id }))?.ToIncident();

    /// <summary>The case as it is, without locking it inside the transaction (a duplicate hint reads
    /// another case; locking it would make two filings wait on each other for a hint).</summary>
    public static async Task<Incident?> PeekAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM incidents WHERE id = @id", new { id }))?.ToIncident();

    /// <summary>A case filed earlier with an Idempotency-Key, and the fingerprint of the request it came with.</summary>
    public sealed record KeyedFiling(Incident Incident, string? RequestHash);

    /// <summary>The case this caller (<paramref name="reportedBy"/>: the filer, or "open311:&lt;client&gt;") filed
    /// with this key; another caller's key of the same text is not his (migration 0010).</summary>
    public static async Task<KeyedFiling?> FindByIdempotencyKeyAsync(DbSession session, string reportedBy, string key) =>
        await session.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns}, idempotency_hash AS IdempotencyHash FROM incidents WHERE reported_by = @reportedBy AND idempotency_key = @key",
            new { reportedBy, key }) is { } row
            ? new KeyedFiling(row.ToIncident(), row.IdempotencyHash)
            : null;

    /// <summary>Cases the caller may read (<paramref name="reach"/>; null: everything) that the filter selects, newest first.</summary>
    public static async Task<IReadOnlyList<Incident>> ListAsync(DbSession session, CaseFilter filter, int limit, ListReach? reach = null, int offset = 0)
    {
        var parameters = new DynamicParameters();
        var sql = $"SELECT {Columns} FROM incidents WHERE {filter.Where(reach, parameters)} ORDER BY filed_at_ms DESC, id DESC {Sql.Page(session.Provider, limit, offset)}";
        return (await session.QueryAsync<Row>(sql, parameters)).Select(r => r.ToIncident()).ToList();
    }

    /// <summary>The same cases one by one as the database sends them (an export): memory stays bounded however many
    /// there are. A read session's connection is busy until the enumeration ends.</summary>
    public static IEnumerable<Incident> Stream(DbSession session, CaseFilter filter, ListReach? reach, string orderBy = "filed_at_ms DESC, id DESC")
    {
        var parameters = new DynamicParameters();
        var sql = $"SELECT {Columns} FROM incidents WHERE {filter.Where(reach, parameters)} ORDER BY {orderBy}";
        return session.QueryUnbuffered<Row>(sql, parameters).Select(r => r.ToIncident());
    }

    /// <summary>Cases a query selects with <see cref="Columns"/>, read as they come (an export).</summary>
    public static IEnumerable<Incident> StreamSql(DbSession session, string sql, object parameters) =>
        session.QueryUnbuffered<Row>(sql, parameters).Select(r => r.ToIncident());

    /// <summary>Cases a query selects with <see cref="Columns"/> and a <c>Tag</c> column, each with its tag.</summary>
    public static async Task<IReadOnlyList<(string? Tag, Incident Incident)>> TaggedAsync(DbSession session, string sql, object parameters) =>
        (await session.QueryAsync<Row>(sql, parameters)).Select(r => (r.Tag, r.ToIncident())).ToList();

    /// <summary>Whose cases a list may show: filed in these units' subtrees, reported by him, or with his department called in.</summary>
    public sealed record ListReach(IReadOnlyList<string> Units, string Reporter, string? Department);
}
