namespace Governance.Incidents.Data;

/// <summary>A mediation session with the case it is for, as a unit's list of sessions shows it.</summary>
public sealed record UnitMediation(MediationSession Session, string Title, string PlaceCode, string CaseStatus);

/// <summary>The mediation sessions (调解) of the cases at or below a unit: a village's or township's calendar of
/// sessions, soonest first. A case belongs to a unit as a case list's unit filter says (its place, the grid, village
/// or township it lies in; every case for the county).</summary>
public static class UnitMediationStore
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid IncidentId { get; init; }
        public long ScheduledAtMs { get; init; }
        public string Title { get; init; } = default!;
        public string PlaceCode { get; init; } = default!;
        public string CaseStatus { get; init; } = default!;
    }

    public static async Task<IReadOnlyList<UnitMediation>> AtOrBelowAsync(DbSession session, string unitCode, DateTimeOffset from, int limit)
    {
        var rows = await session.QueryAsync<Row>($"""
            SELECT m.id AS Id, m.incident_id AS IncidentId, m.scheduled_at_ms AS ScheduledAtMs,
                   i.title AS Title, i.unit_code AS PlaceCode, i.status AS CaseStatus
            FROM mediation_sessions m JOIN incidents i ON i.id = m.incident_id
            WHERE m.scheduled_at_ms >= @fromMs
              AND (i.unit_code = @unitCode OR i.grid_code = @unitCode OR i.village_code = @unitCode OR i.township_code = @unitCode
                   OR EXISTS (SELECT 1 FROM unit_copy WHERE code = @unitCode AND level = {(short)UnitLevel.County}))
            ORDER BY m.scheduled_at_ms, m.id
            """ + " " + Sql.Page(session.Provider, limit), new { unitCode, fromMs = from.ToUnixTimeMilliseconds() });
        var sessions = (await MediationStore.ManyAsync(session, rows.Select(r => r.Id).ToList())).ToDictionary(m => m.Id);
        var list = rows.Where(r => sessions.ContainsKey(r.Id)).Select(r => new UnitMediation(sessions[r.Id], r.Title, r.PlaceCode, r.CaseStatus)).ToList();
        return list;
    }
}
