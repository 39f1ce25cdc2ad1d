namespace Governance.Grids.Handling;

/// <summary>Reads of leaders: a person's post with his plan and where each planned unit stands
/// (<see cref="LeaderPlanRule"/>), and the overdue planned units under a unit.</summary>
public static class LeaderViews
{
    /// <summary>Leader visits a plan's status is read from, at most (a leader's visits since his plan was set).</summary>
    private const int VisitLimit = 5000;

    public static async Task<LeaderView> OfAsync(DbSession session, StaffMember member, DateTimeOffset now)
    {
        var plan = member.Leader is null ? null : await LeaderStore.PlanOfAsync(session, member.Id);
        var planned = plan is null ? [] : LeaderPlanRule.Status(plan, await CountedVisitsAsync(session, plan, now), now);
        return new LeaderView(member.Id, member.Name, member.Role, member.UnitCode, member.Leader, plan, planned);
    }

    /// <summary>Every leader with a planned unit under <paramref name="unitCode"/> that is overdue now, with
    /// those of his planned units that are overdue and lie under it.</summary>
    public static async Task<IReadOnlyList<LeaderView>> OverdueUnderAsync(DbSession session, string unitCode, DateTimeOffset now)
    {
        var plans = await LeaderStore.PlansUnderAsync(session, unitCode);
        var people = await StaffStore.FindManyAsync(session, plans.Select(p => p.PersonId));
        var overdue = new List<LeaderView>();
        foreach (var plan in plans)
        {
            if (!people.TryGetValue(plan.PersonId, out var member) || member.Leader is null || member.LeftAt is not null) continue;
            var late = new List<PlannedUnit>();
            foreach (var unit in LeaderPlanRule.Status(plan, await CountedVisitsAsync(session, plan, now), now).Where(u => u.Overdue))
                if ((await UnitStore.PathAsync(session, unit.UnitCode)).Any(u => u.Code == unitCode)) late.Add(unit);
            if (late.Count > 0) overdue.Add(new LeaderView(member.Id, member.Name, member.Role, member.UnitCode, member.Leader, plan, late));
        }
        return overdue;
    }

    private static async Task<IReadOnlyList<CountedVisit>> CountedVisitsAsync(DbSession session, LeaderPlan plan, DateTimeOffset now)
    {
        var visits = await VisitStore.ListAsync(session, VisitKind.Leader, plan.PersonId, null, plan.Since, now.AddDays(1), VisitLimit);
        var chains = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var code in visits.Select(v => v.UnitCode).Distinct())
            chains[code] = (await UnitStore.PathAsync(session, code)).Select(u => u.Code).ToList();
        return visits.Select(v => new CountedVisit(v.StartedAt, chains[v.UnitCode])).ToList();
    }
}
