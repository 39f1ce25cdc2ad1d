namespace Governance.Incidents.Data;

/// <summary>Who reported a case, and the search for a likely duplicate of a new one.</summary>
public static class ReporterStore
{
    public sealed record Reporter(string Name, DateTimeOffset ReportedAt, Guid SourceIncidentId);

    private sealed class ReporterRow
    {
        public string Reporter { get; init; } = default!;
        public long ReportedAtMs { get; init; }
        public Guid SourceIncidentId { get; init; }
    }

    private sealed class CandidateRow
    {
        public Guid Id { get; init; }
        public string UnitCode { get; init; } = default!;
        public double? Lat { get; init; }
        public double? Lng { get; init; }
        public long FiledAtMs { get; init; }
    }

    private static readonly InsertTable Table = new("incident_reporters", ["incident_id", "reporter", "reported_at_ms", "source_incident_id"]);

    /// <summary>The first reporter of a case being filed: written at the commit with the group's others in one statement
    /// (issue #19). Its key is fresh (the case is new) and nothing in the filing's transaction reads it: the answer
    /// is made from what was filed, and a duplicate hint compares cases, not reporters.</summary>
    public static void AddFirst(UnitOfWork uow, Guid incidentId, string reporter, DateTimeOffset at) =>
        uow.InsertAtCommit(Table, incidentId, reporter, at.ToUnixTimeMilliseconds(), incidentId);

    /// <summary>Copies the reporters of a merged case onto the case it was merged into.</summary>
    public static Task CopyAsync(UnitOfWork uow, Guid from, Guid into) => uow.ExecuteAsync("""
        INSERT INTO incident_reporters (incident_id, reporter, reported_at_ms, source_incident_id)
        SELECT @into, reporter, reported_at_ms, source_incident_id FROM incident_reporters WHERE incident_id = @from
        """, new { from, into });

    public static async Task<IReadOnlyList<Reporter>> ListAsync(DbSession session, Guid incidentId) =>
        (await session.QueryAsync<ReporterRow>(
            "SELECT reporter AS Reporter, reported_at_ms AS ReportedAtMs, source_incident_id AS SourceIncidentId FROM incident_reporters WHERE incident_id = @incidentId ORDER BY reported_at_ms",
            new { incidentId }))
        .Select(r => new Reporter(r.Reporter, DateTimeOffset.FromUnixTimeMilliseconds(r.ReportedAtMs), r.SourceIncidentId)).ToList();

    /// <summary>Who reported each of a page of cases (names only, what the permission model needs): one statement for the page.</summary>
    public static async Task<ILookup<Guid, string>> NamesOfAsync(DbSession session, IReadOnlyList<Guid> ids) =>
        (await session.QueryAsync<NameRow>($"SELECT incident_id AS IncidentId, reporter AS Reporter FROM incident_reporters WHERE {Sql.In(session.Provider, "incident_id", "ids")}",
            new { ids = ids.ToArray() }))
        .ToLookup(r => r.IncidentId, r => r.Reporter);

    private sealed class NameRow
    {
        public Guid IncidentId { get; init; }
        public string Reporter { get; init; } = default!;
    }

    /// <summary>Open cases of the category filed since <paramref name="since"/> at the same place or
    /// inside the box around <paramref name="near"/>, newest first, at most 50 (the caller checks the true distance).</summary>
    public static async Task<IReadOnlyList<(Guid Id, string UnitCode, Location? Location)>> CandidatesAsync(DbSession session,
        string category, string unitCode, DateTimeOffset since, (Location Centre, double LatDelta, double LngDelta)? near)
    {
        var rows = await session.QueryAsync<CandidateRow>(CandidatesSql(session.Provider, near is not null), new
        {
            category, unitCode, since = since.ToUnixTimeMilliseconds(),
            latMin = near?.Centre.Lat - near?.LatDelta ?? 0, latMax = near?.Centre.Lat + near?.LatDelta ?? 0,
            lngMin = near?.Centre.Lng - near?.LngDelta ?? 0, lngMax = near?.Centre.Lng + near?.LngDelta ?? 0,
        });
        return rows.Select(r => (r.Id, r.UnitCode, r.Lat is { } lat && r.Lng is { } lng ? new Location(lat, lng) : null)).ToList();
    }

    /// <summary>The SQL of <see cref="CandidatesAsync"/>, with the box's branch when the filing has a location.</summary>
    public static string CandidatesSql(DatabaseProvider provider, bool withBox)
    {
        // Performance (deploy/benchmark-history.md): the same place and the box are asked separately, each
        // at most 50, each on an index of its own (migration 0008). The place's branch seeks
        // (unit_code, category) and reads newest first. The box's branch has no order of its own: ordered
        // by time, SQLite walked every case of the category in the window instead of the narrow band of
        // latitude; more than 50 open cases of one category within the radius would all be duplicates of
        // each other anyway, and any of them is a good one to flag.
        const string Open = "category = @category AND filed_at_ms >= @since AND status NOT IN ('closed', 'merged')";
        const string Columns = "id AS Id, unit_code AS UnitCode, lat AS Lat, lng AS Lng, filed_at_ms AS FiledAtMs";
        var sql = $"SELECT Id, UnitCode, Lat, Lng, FiledAtMs FROM (SELECT {Columns} FROM incidents WHERE unit_code = @unitCode AND {Open} ORDER BY filed_at_ms DESC {Sql.Page(provider, 50)}) p";
        if (withBox)
            sql += $" UNION SELECT Id, UnitCode, Lat, Lng, FiledAtMs FROM (SELECT {Columns} FROM incidents WHERE {Open} AND lat BETWEEN @latMin AND @latMax AND lng BETWEEN @lngMin AND @lngMax {Sql.AnyFirst(provider, 50)}) b";
        return $"{sql} ORDER BY FiledAtMs DESC {Sql.Page(provider, 50)}";
    }
}
