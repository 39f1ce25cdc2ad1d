using System.Data.Common;
using Dapper;
using Governance.Incidents.Model;

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
    }

    public static Task AddAsync(DbConnection c, DbTransaction t, Guid incidentId, string reporter, DateTimeOffset at, Guid source) => c.ExecuteAsync("""
        INSERT INTO incident_reporters (incident_id, reporter, reported_at_ms, source_incident_id) VALUES (@incidentId, @reporter, @at, @source)
        """, new { incidentId, reporter, at = at.ToUnixTimeMilliseconds(), source }, t);

    /// <summary>Copies the reporters of a merged case onto the case it was merged into.</summary>
    public static Task CopyAsync(DbConnection c, DbTransaction t, Guid from, Guid into) => c.ExecuteAsync("""
        INSERT INTO incident_reporters (incident_id, reporter, reported_at_ms, source_incident_id)
        SELECT @into, reporter, reported_at_ms, source_incident_id FROM incident_reporters WHERE incident_id = @from
        """, new { from, into }, t);

    public static async Task<IReadOnlyList<Reporter>> ListAsync(DbConnection c, Guid incidentId) =>
        (await c.QueryAsync<ReporterRow>(
            "SELECT reporter AS Reporter, reported_at_ms AS ReportedAtMs, source_incident_id AS SourceIncidentId FROM incident_reporters WHERE incident_id = @incidentId ORDER BY reported_at_ms",
            new { incidentId }))
        .Select(r => new Reporter(r.Reporter, DateTimeOffset.FromUnixTimeMilliseconds(r.ReportedAtMs), r.SourceIncidentId)).ToList();

    /// <summary>Open cases of the category filed since <paramref name="since"/> at the same place or
    /// inside the box around <paramref name="near"/>, newest first (the caller checks the true distance).</summary>
    public static async Task<IReadOnlyList<(Guid Id, string UnitCode, Location? Location)>> CandidatesAsync(DbConnection c, DbTransaction t,
        string category, string unitCode, DateTimeOffset since, (Location Centre, double LatDelta, double LngDelta)? near)
    {
        var rows = await c.QueryAsync<CandidateRow>("""
            SELECT id AS Id, unit_code AS UnitCode, lat AS Lat, lng AS Lng FROM incidents
            WHERE category = @category AND filed_at_ms >= @since AND status NOT IN ('closed', 'merged')
              AND (unit_code = @unitCode OR (@hasPoint = 1 AND lat BETWEEN @latMin AND @latMax AND lng BETWEEN @lngMin AND @lngMax))
            ORDER BY filed_at_ms DESC
            """, new
        {
            category, unitCode, since = since.ToUnixTimeMilliseconds(), hasPoint = near is null ? 0 : 1,
            latMin = near?.Centre.Lat - near?.LatDelta ?? 0, latMax = near?.Centre.Lat + near?.LatDelta ?? 0,
            lngMin = near?.Centre.Lng - near?.LngDelta ?? 0, lngMax = near?.Centre.Lng + near?.LngDelta ?? 0,
        }, t);
        return rows.Take(50).Select(r => (r.Id, r.UnitCode, r.Lat is { } lat && r.Lng is { } lng ? new Location(lat, lng) : null)).ToList();
    }
}
