using Dapper;

namespace Governance.Grids.Data;

/// <summary>The SQL of people and their duty periods, in one place: writes take the unit of work, reads
/// any session (a person is written back only if his version is still the one read).</summary>
public static class StaffStore
{
    private const string StaffColumns = """
        id AS Id, name AS Name, role AS Role, unit_code AS UnitCode, phone AS Phone, id_number AS IdNumber,
        department_id AS DepartmentId, version AS Version, left_at_ms AS LeftAtMs, leader_post AS LeaderPost, leader_units AS LeaderUnits
        """;
    private const string DutyColumns = """
        d.id AS Id, d.staff_id AS StaffId, d.unit_code AS UnitCode, d.role AS Role, d.from_ms AS FromMs, d.until_ms AS UntilMs,
        d.created_by AS CreatedBy, s.name AS StaffName
        """;

    private sealed class StaffRow
    {
        public string Id { get; init; } = default!;
        public string Name { get; init; } = default!;
        public string Role { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public string? Phone { get; init; }
        public string? IdNumber { get; init; }
        public Guid? DepartmentId { get; init; }
        public long Version { get; init; }
        public long? LeftAtMs { get; init; }
        public string? LeaderPost { get; init; }
        public string? LeaderUnits { get; init; }

        public StaffMember ToStaff() => new(Id, Name, Role, UnitCode, Phone, IdNumber, DepartmentId, Version, Time(LeftAtMs),
            Model.LeaderPost.FromStored(LeaderPost is null ? null
                : Codes.TryParse<LeaderPostKind>(LeaderPost, out var post) ? post : throw new InvalidOperationException($"Stored leader post '{LeaderPost}' is unknown"),
                LeaderUnits));
    }

    private sealed class DutyRow
    {
        public Guid Id { get; init; }
        public string StaffId { get; init; } = default!;
        public string StaffName { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public string Role { get; init; } = default!;
        public long FromMs { get; init; }
        public long? UntilMs { get; init; }
        public string CreatedBy { get; init; } = default!;

        public DutyAssignment ToDuty() => new(Id, StaffId, UnitCode, Role, DateTimeOffset.FromUnixTimeMilliseconds(FromMs), Time(UntilMs), CreatedBy);
        public DutyView ToView() => new(Id, StaffId, StaffName, UnitCode, Role, DateTimeOffset.FromUnixTimeMilliseconds(FromMs), Time(UntilMs));
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static readonly string[] StaffInsertColumns =
        ["id", "name", "role", "unit_code", "phone", "id_number", "department_id", "version", "left_at_ms", "leader_post", "leader_units"];
    private static readonly string[] DutyInsertColumns =
        ["id", "staff_id", "unit_code", "role", "from_ms", "until_ms", "created_by", "created_at_ms"];

    public static Task<int> InsertStaffAsync(UnitOfWork uow, IReadOnlyList<StaffMember> staff) =>
        BulkInsert.RunAsync(uow, "staff", StaffInsertColumns, staff,
            s => [s.Id, s.Name, s.Role, s.UnitCode, s.Phone, s.IdNumber, s.DepartmentId, s.Version, s.LeftAt?.ToUnixTimeMilliseconds(),
                s.Leader is { } l ? Codes.Of(l.Post) : null, s.Leader?.StoredUnits]);

    public static Task<int> InsertDutiesAsync(UnitOfWork uow, IReadOnlyList<DutyAssignment> duties, DateTimeOffset at) =>
        BulkInsert.RunAsync(uow, "duty_assignments", DutyInsertColumns, duties,
            d => [d.Id, d.StaffId, d.UnitCode, d.Role, d.From.ToUnixTimeMilliseconds(), d.Until?.ToUnixTimeMilliseconds(), d.CreatedBy, at.ToUnixTimeMilliseconds()]);

    /// <summary>Writes a changed person if nobody changed them since they were read.</summary>
    public static async Task<bool> UpdateAsync(UnitOfWork uow, StaffMember s, long readVersion) =>
        await uow.ExecuteAsync("""
            UPDATE staff SET name = @Name, role = @Role, unit_code = @UnitCode, phone = @Phone, id_number = @IdNumber,
                department_id = @DepartmentId, version = @Version, left_at_ms = @LeftAtMs
            WHERE id = @Id AND version = @ReadVersion
            """, new { s.Id, s.Name, s.Role, s.UnitCode, s.Phone, s.IdNumber, s.DepartmentId, s.Version, LeftAtMs = s.LeftAt?.ToUnixTimeMilliseconds(), ReadVersion = readVersion }) == 1;

    /// <summary>Writes a person's leader post (null: none) with his new version, if nobody changed him since
    /// <paramref name="readVersion"/>. Apart from <see cref="UpdateAsync"/>, which leaves the post as it is.</summary>
    public static async Task<bool> SetLeaderAsync(UnitOfWork uow, StaffMember s, long readVersion) =>
        await uow.ExecuteAsync("""
            UPDATE staff SET leader_post = @LeaderPost, leader_units = @LeaderUnits, version = @Version
            WHERE id = @Id AND version = @ReadVersion
            """, new
        {
            s.Id, LeaderPost = s.Leader is { } l ? Codes.Of(l.Post) : null, LeaderUnits = s.Leader?.StoredUnits, s.Version, ReadVersion = readVersion,
        }) == 1;

    public static async Task<StaffMember?> FindAsync(DbSession session, string id) =>
        (await session.QuerySingleOrDefaultAsync<StaffRow>($"SELECT {StaffColumns} FROM staff WHERE id = @id", new { id }))?.ToStaff();

    /// <summary>Everyone ever registered, left or not (a snapshot of their access).</summary>
    public static async Task<IReadOnlyList<StaffMember>> AllAsync(DbSession session) =>
        (await session.QueryAsync<StaffRow>($"SELECT {StaffColumns} FROM staff ORDER BY id")).Select(r => r.ToStaff()).ToList();

    public static async Task<Dictionary<string, StaffMember>> FindManyAsync(DbSession session, IEnumerable<string> ids)
    {
        var found = new Dictionary<string, StaffMember>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct().Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            foreach (var row in await session.QueryAsync<StaffRow>($"SELECT {StaffColumns} FROM staff WHERE {SqlList.In("id", "s", chunk, parameters)}", parameters))
                found[row.Id] = row.ToStaff();
        }
        return found;
    }

    /// <param name="within">The caller's units: only people at them or below are listed (null: everyone).</param>
    public static async Task<IReadOnlyList<StaffMember>> ListAsync(DbSession session, string? unitCode,
        IReadOnlyList<string>? roles, IReadOnlyCollection<string>? within, int limit, int offset)
    {
        var parameters = SqlList.With(new { UnitCode = unitCode });
        var sql = ListSql(session.Provider, roles, within, limit, offset, parameters);
        var rows = await session.QueryAsync<StaffRow>(sql, parameters);
        return rows.Select(r => r.ToStaff()).ToList();
    }

    /// <summary>Public so the SQL Server form can be parsed in tests.</summary>
    public static string ListSql(DatabaseProvider provider, IReadOnlyList<string>? roles, IReadOnlyCollection<string>? within,
        int limit, int offset, DynamicParameters parameters) => $"""
        {(within is null ? "" : UnitStore.ReachSql(provider, within, parameters))}
        SELECT {StaffColumns} FROM staff
        WHERE (@UnitCode IS NULL OR unit_code = @UnitCode) AND {(roles is null ? "1 = 1" : SqlList.In("role", "r", roles.ToList(), parameters))}
          AND {(within is null ? "1 = 1" : "unit_code IN (SELECT code FROM reach_units)")}
        ORDER BY unit_code, role, id {Sql.Page(provider, limit, offset)}
        """;

    public static async Task<DutyAssignment?> FindDutyAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<DutyRow>(
            $"SELECT {DutyColumns} FROM duty_assignments d JOIN staff s ON s.id = d.staff_id WHERE d.id = @id", new { id }))?.ToDuty();

    public static Task EndDutyAsync(UnitOfWork uow, Guid id, DateTimeOffset until) =>
        uow.ExecuteAsync("UPDATE duty_assignments SET until_ms = @until WHERE id = @id",
            new { id, until = until.ToUnixTimeMilliseconds() });

    /// <summary>Ends, at <paramref name="at"/>, every duty period at a unit that is still open then
    /// (a retired grid has nobody on duty); returns the people affected.</summary>
    public static async Task<IReadOnlyList<string>> EndDutiesAtUnitAsync(UnitOfWork uow, string unitCode, DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        var affected = (await uow.QueryAsync<string>(
            "SELECT DISTINCT staff_id FROM duty_assignments WHERE unit_code = @unitCode AND (until_ms IS NULL OR until_ms > @ms)",
            new { unitCode, ms })).ToList();
        await uow.ExecuteAsync("UPDATE duty_assignments SET until_ms = CASE WHEN from_ms > @ms THEN from_ms ELSE @ms END WHERE unit_code = @unitCode AND (until_ms IS NULL OR until_ms > @ms)",
            new { unitCode, ms });
        return affected;
    }

    /// <summary>Every duty period of these people (for announcing them whole).</summary>
    public static async Task<ILookup<string, DutyAssignment>> DutiesOfAsync(DbSession session, IEnumerable<string> staffIds)
    {
        var all = new List<DutyAssignment>();
        foreach (var chunk in staffIds.Distinct().Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            all.AddRange((await session.QueryAsync<DutyRow>(
                $"SELECT {DutyColumns} FROM duty_assignments d JOIN staff s ON s.id = d.staff_id WHERE {SqlList.In("d.staff_id", "s", chunk, parameters)} ORDER BY d.from_ms",
                parameters)).Select(r => r.ToDuty()));
        }
        return all.ToLookup(d => d.StaffId);
    }

    /// <summary>Who was on duty at a unit at a moment: periods with from ≤ at &lt; until.</summary>
    public static async Task<IReadOnlyList<DutyView>> OnDutyAsync(DbSession session, string unitCode, DateTimeOffset at)
    {
        var rows = await session.QueryAsync<DutyRow>($"""

            SELECT {DutyColumns} FROM duty_assignments d JOIN staff s ON s.id = d.staff_id
            WHERE d.unit_code = @unitCode AND d.from_ms <= @ms AND (d.until_ms IS NULL OR d.until_ms > @ms)
            ORDER BY d.role, d.from_ms, d.staff_id
            """, new { unitCode, ms = at.ToUnixTimeMilliseconds() });
        return rows.Select(r => r.ToView()).ToList();
    }
}
