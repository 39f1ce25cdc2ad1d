namespace Governance.Grids.Data;

/// <summary>The SQL of leaders' visit plans and of what their visits recorded (the visits themselves are
/// rows of <see cref="VisitStore"/>, kind leader). Writes take the unit of work, reads any session.</summary>
public static class LeaderStore
{
    private sealed class PlanRow
    {
        public string PersonId { get; init; } = default!;
        public int EveryDays { get; init; }
        public long SinceMs { get; init; }
        public string SetBy { get; init; } = default!;
    }

    private sealed class PlanUnitRow
    {
        public string PersonId { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
    }

    private sealed class NoteRow
    {
        public string Met { get; init; } = default!;
        public double? Lat { get; init; }
        public double? Lng { get; init; }
    }

    private sealed class FindingRow
    {
        public string Finding { get; init; } = default!;
        public Guid? IncidentId { get; init; }
    }

    /// <summary>Replaces the person's plan (none when <paramref name="plan"/> is null).</summary>
    public static async Task SetPlanAsync(UnitOfWork uow, string personId, LeaderPlan? plan)
    {
        await uow.ExecuteAsync("DELETE FROM leader_plan_units WHERE person_id = @personId", new { personId });
        await uow.ExecuteAsync("DELETE FROM leader_plans WHERE person_id = @personId", new { personId });
        if (plan is null) return;
        await uow.ExecuteAsync("INSERT INTO leader_plans (person_id, every_days, since_ms, set_by) VALUES (@PersonId, @EveryDays, @SinceMs, @SetBy)",
            new { plan.PersonId, plan.EveryDays, SinceMs = plan.Since.ToUnixTimeMilliseconds(), plan.SetBy });
        foreach (var unitCode in plan.UnitCodes)
            await uow.ExecuteAsync("INSERT INTO leader_plan_units (person_id, unit_code) VALUES (@personId, @unitCode)", new { personId, unitCode });
    }

    public static async Task<LeaderPlan?> PlanOfAsync(DbSession session, string personId) =>
        (await PlansAsync(session, [personId])).FirstOrDefault();

    /// <summary>The plans of leaders with a planned unit at or below <paramref name="unitCode"/> (their whole plans).</summary>
    public static async Task<IReadOnlyList<LeaderPlan>> PlansUnderAsync(DbSession session, string unitCode)
    {
        var parameters = SqlList.With();
        var people = await session.QueryAsync<string>($"""
            {UnitStore.ReachSql(session.Provider, [unitCode], parameters)}
            SELECT DISTINCT person_id FROM leader_plan_units WHERE unit_code IN (SELECT code FROM reach_units)
            """, parameters);
        return await PlansAsync(session, people.ToList());
    }

    private static async Task<IReadOnlyList<LeaderPlan>> PlansAsync(DbSession session, IReadOnlyList<string> personIds)
    {
        var plans = new List<LeaderPlan>();
        foreach (var chunk in personIds.Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            var rows = await session.QueryAsync<PlanRow>($"""
                SELECT person_id AS PersonId, every_days AS EveryDays, since_ms AS SinceMs, set_by AS SetBy
                FROM leader_plans WHERE {SqlList.In("person_id", "p", chunk, parameters)} ORDER BY person_id
                """, parameters);
            var unitParameters = SqlList.With();
            var units = (await session.QueryAsync<PlanUnitRow>($"""
                SELECT person_id AS PersonId, unit_code AS UnitCode FROM leader_plan_units
                WHERE {SqlList.In("person_id", "p", chunk, unitParameters)} ORDER BY person_id, unit_code
                """, unitParameters)).ToLookup(u => u.PersonId, u => u.UnitCode);
            plans.AddRange(rows.Select(r => new LeaderPlan(r.PersonId, r.EveryDays, units[r.PersonId].ToList(),
                DateTimeOffset.FromUnixTimeMilliseconds(r.SinceMs), r.SetBy)));
        }
        return plans;
    }

    /// <summary>What a leader's visit recorded, beside its row in visits.</summary>
    public static async Task AddVisitNotesAsync(UnitOfWork uow, Guid visitId, string met, double? lat, double? lng, IReadOnlyList<LeaderFinding> findings)
    {
        await uow.ExecuteAsync("INSERT INTO leader_visits (visit_id, met, lat, lng) VALUES (@visitId, @met, @lat, @lng)", new { visitId, met, lat, lng });
        for (var seq = 0; seq < findings.Count; seq++)
            await uow.ExecuteAsync("INSERT INTO leader_visit_findings (visit_id, seq, finding, incident_id) VALUES (@visitId, @seq, @finding, @incidentId)",
                new { visitId, seq, finding = findings[seq].Text, incidentId = findings[seq].IncidentId });
    }

    public static async Task<LeaderVisit> DetailAsync(DbSession session, Visit visit)
    {
        var note = await session.QuerySingleOrDefaultAsync<NoteRow>("SELECT met AS Met, lat AS Lat, lng AS Lng FROM leader_visits WHERE visit_id = @Id", new { visit.Id });
        var findings = await session.QueryAsync<FindingRow>(
            "SELECT finding AS Finding, incident_id AS IncidentId FROM leader_visit_findings WHERE visit_id = @Id ORDER BY seq", new { visit.Id });
        return new LeaderVisit(visit, note?.Met ?? "", note?.Lat, note?.Lng, findings.Select(f => new LeaderFinding(f.Finding, f.IncidentId)).ToList());
    }
}
