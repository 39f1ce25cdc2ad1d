namespace Governance.Grids.Data;

/// <summary>The SQL of visits (patrols, leaders' visits), their tracks and links: writes take the unit of work, reads
/// any session; a visit is written back only if its version is still the one read. Care visits are rows of visits
/// too, written and read with what only they have by <see cref="CareStore"/>.</summary>
public static class VisitStore
{
    private const string Columns = """
        id AS Id, kind AS Kind, person_id AS PersonId, unit_code AS UnitCode, started_at_ms AS StartedAtMs, ended_at_ms AS EndedAtMs,
        point_count AS PointCount, last_point_at_ms AS LastPointAtMs, version AS Version, ended_by AS EndedBy
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = default!;
        public string PersonId { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public long StartedAtMs { get; init; }
        public long? EndedAtMs { get; init; }
        public int PointCount { get; init; }
        public long? LastPointAtMs { get; init; }
        public long Version { get; init; }
        public string? EndedBy { get; init; }

        public Visit ToVisit() => new(Id,
            Codes.TryParse<VisitKind>(Kind, out var kind) ? kind : throw new InvalidOperationException($"Stored visit kind '{Kind}' is unknown"),
            PersonId, UnitCode, Time(StartedAtMs), EndedAtMs is { } e ? Time(e) : null, PointCount,
            LastPointAtMs is { } l ? Time(l) : null, Version, EndedBy);
    }

    private sealed class PointRow
    {
        public long AtMs { get; init; }
        public double Lat { get; init; }
        public double Lng { get; init; }
    }

    private sealed class LinkRow
    {
        public string LinkKind { get; init; } = default!;
        public Guid LinkId { get; init; }
        public long AtMs { get; init; }
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static object Parameters(Visit v) => new
    {
        v.Id, Kind = Codes.Of(v.Kind), v.PersonId, v.UnitCode, StartedAtMs = v.StartedAt.ToUnixTimeMilliseconds(),
        EndedAtMs = v.EndedAt?.ToUnixTimeMilliseconds(), v.PointCount, LastPointAtMs = v.LastPointAt?.ToUnixTimeMilliseconds(), v.Version, v.EndedBy,
    };

    public static Task InsertAsync(UnitOfWork uow, Visit v) => uow.ExecuteAsync("""
        INSERT INTO visits (id, kind, person_id, unit_code, started_at_ms, ended_at_ms, point_count, last_point_at_ms, version, ended_by)
        VALUES (@Id, @Kind, @PersonId, @UnitCode, @StartedAtMs, @EndedAtMs, @PointCount, @LastPointAtMs, @Version, @EndedBy)
        """, Parameters(v));

    /// <summary>Writes the visit back if nobody changed it since <paramref name="readVersion"/>.</summary>
    public static async Task<bool> UpdateAsync(UnitOfWork uow, Visit v, long readVersion) =>
        await uow.ExecuteAsync("""
            UPDATE visits SET ended_at_ms = @EndedAtMs, ended_by = @EndedBy, point_count = @PointCount, last_point_at_ms = @LastPointAtMs,
                version = @Version
            WHERE id = @Id AND version = @ReadVersion
            """, new
        {
            v.Id, EndedAtMs = v.EndedAt?.ToUnixTimeMilliseconds(), v.EndedBy, v.PointCount, LastPointAtMs = v.LastPointAt?.ToUnixTimeMilliseconds(),
            v.Version, ReadVersion = readVersion,
        }) == 1;

    public static async Task<Visit?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM visits WHERE id = @id", new { id }))?.ToVisit();

    /// <summary>The person's open visit of a kind (at most one: starting another is refused).</summary>
    public static async Task<Visit?> OpenOfAsync(DbSession session, string personId, VisitKind kind) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM visits WHERE person_id = @personId AND kind = @kind AND ended_at_ms IS NULL ORDER BY started_at_ms DESC",
            new { personId, kind = Codes.Of(kind) })).FirstOrDefault()?.ToVisit();

    /// <summary>The person's visit of a kind that was going on at <paramref name="at"/>, the latest started.</summary>
    public static async Task<Visit?> DuringAsync(DbSession session, string personId, VisitKind kind, DateTimeOffset at) =>
        (await session.QueryAsync<Row>($"""
            SELECT {Columns} FROM visits WHERE person_id = @personId AND kind = @kind AND started_at_ms <= @at
              AND (ended_at_ms IS NULL OR ended_at_ms >= @at) ORDER BY started_at_ms DESC
            """, new { personId, kind = Codes.Of(kind), at = at.ToUnixTimeMilliseconds() })).FirstOrDefault()?.ToVisit();

    public static async Task AddPointsAsync(UnitOfWork uow, Guid visitId, int firstSeq, IReadOnlyList<TrackPoint> points)
    {
        for (var i = 0; i < points.Count; i++)
            await uow.ExecuteAsync("INSERT INTO visit_points (visit_id, seq, at_ms, lat, lng) VALUES (@visitId, @seq, @atMs, @lat, @lng)",
                new { visitId, seq = firstSeq + i, atMs = points[i].At.ToUnixTimeMilliseconds(), lat = points[i].Lat, lng = points[i].Lng });
    }

    /// <summary>Links something done during the visit; a link already there (a redelivered message) is kept once.</summary>
    public static Task LinkAsync(UnitOfWork uow, Guid visitId, VisitLink link) => uow.ExecuteAsync(
        Sql.InsertIfAbsent(uow.Provider, "visit_links", "visit_id, link_kind, link_id, at_ms", "@visitId, @kind, @linkId, @atMs",
            "visit_id, link_kind, link_id", "visit_id = @visitId AND link_kind = @kind AND link_id = @linkId"),
        new { visitId, kind = Codes.Of(link.Kind), linkId = link.Id, atMs = link.At.ToUnixTimeMilliseconds() });

    /// <summary>When the latest thing linked to the visit was done (a sign of life of a patrol), if anything was.</summary>
    public static async Task<DateTimeOffset?> LastLinkAtAsync(DbSession session, Guid visitId) =>
        await session.ExecuteScalarAsync<long?>("SELECT MAX(at_ms) FROM visit_links WHERE visit_id = @visitId", new { visitId }) is { } ms ? Time(ms) : null;

    public static async Task<VisitDetail> DetailAsync(DbSession session, Visit v)
    {
        var points = await session.QueryAsync<PointRow>("SELECT at_ms AS AtMs, lat AS Lat, lng AS Lng FROM visit_points WHERE visit_id = @Id ORDER BY seq", new { v.Id });
        var links = await session.QueryAsync<LinkRow>("SELECT link_kind AS LinkKind, link_id AS LinkId, at_ms AS AtMs FROM visit_links WHERE visit_id = @Id ORDER BY at_ms, link_id", new { v.Id });
        return new VisitDetail(v, points.Select(p => new TrackPoint(Time(p.AtMs), p.Lat, p.Lng)).ToList(),
            links.Select(l => new VisitLink(Codes.TryParse<VisitLinkKind>(l.LinkKind, out var k) ? k : VisitLinkKind.Case, l.LinkId, Time(l.AtMs))).ToList());
    }

    /// <summary>Visits of a kind started in [from, to), by one person or at units of a subtree, newest first.</summary>
    public static async Task<IReadOnlyList<Visit>> ListAsync(DbSession session, VisitKind kind, string? personId, string? unitCode,
        DateTimeOffset from, DateTimeOffset to, int limit)
    {
        var parameters = SqlList.With(new { kind = Codes.Of(kind), personId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() });
        var sql = ListSql(session.Provider, unitCode, limit, parameters);
        return (await session.QueryAsync<Row>(sql, parameters)).Select(r => r.ToVisit()).ToList();
    }

    /// <summary>Public so the SQL Server form can be parsed in tests.</summary>
    public static string ListSql(DatabaseProvider provider, string? unitCode, int limit, Dapper.DynamicParameters parameters) => $"""
        {(unitCode is null ? "" : UnitStore.ReachSql(provider, [unitCode], parameters))}
        SELECT {Columns} FROM visits
        WHERE kind = @kind AND started_at_ms >= @from AND started_at_ms < @to
          AND (@personId IS NULL OR person_id = @personId)
          AND {(unitCode is null ? "1 = 1" : "unit_code IN (SELECT code FROM reach_units)")}
        ORDER BY started_at_ms DESC, id {Sql.Page(provider, limit)}
        """;
}
