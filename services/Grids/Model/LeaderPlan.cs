namespace Governance.Grids.Model;

/// <summary>A leader's visit plan (下沉走访计划): every <see cref="EveryDays"/> days a visit to each of
/// <see cref="UnitCodes"/> (units inside his linked units: a township, its villages, grids). Set with his
/// post by whoever may set the post; from <see cref="Since"/> the clock runs.</summary>
public sealed record LeaderPlan(string PersonId, int EveryDays, IReadOnlyList<string> UnitCodes, DateTimeOffset Since, string SetBy)
{
    public const int MaxEveryDays = 366;
    public const int MaxUnits = 50;
}

/// <summary>Where a planned unit stands: its last visit by the leader (at it or anywhere below it), when
/// the next is due, and whether that moment has passed.</summary>
public sealed record PlannedUnit(string UnitCode, DateTimeOffset? LastVisitAt, DateTimeOffset DueAt, bool Overdue);

/// <summary>A leader visit as the plan counts it: when, and the chain of the unit it was at (the unit first).</summary>
public sealed record CountedVisit(DateTimeOffset At, IReadOnlyList<string> Chain);

/// <summary>The plan's rule, pure: a planned unit is due <c>EveryDays</c> after its last visit by the leader
/// (a visit at the unit or at a unit below it counts: a grid visited is its village visited), or, before
/// the first, after the plan was set; overdue once that moment has passed (as care visits:
/// <see cref="CareSchedule"/>).</summary>
public static class LeaderPlanRule
{
    public static IReadOnlyList<PlannedUnit> Status(LeaderPlan plan, IEnumerable<CountedVisit> visits, DateTimeOffset now)
    {
        var counted = visits.ToList();
        return plan.UnitCodes.Select(unit =>
        {
            DateTimeOffset? last = counted.Where(v => v.Chain.Contains(unit)).Select(v => (DateTimeOffset?)v.At).Max();
            // A visit dated before the plan still counts as the last one, but the clock starts no earlier than the plan.
            var from = last is { } l && l > plan.Since ? l : plan.Since;
            var due = CareSchedule.DueAt(from, null, plan.EveryDays);
            return new PlannedUnit(unit, last, due, CareSchedule.IsOverdue(due, now));
        }).ToList();
    }
}

/// <summary>Something a leader's visit found; <see cref="IncidentId"/> names the case it filed on the spot, if it did.</summary>
public sealed record LeaderFinding(string Text, Guid? IncidentId);

/// <summary>A leader's visit (下沉走访): where (the visit's unit, optionally a point), whom he met, what he found.</summary>
public sealed record LeaderVisit(Visit Visit, string Met, double? Lat, double? Lng, IReadOnlyList<LeaderFinding> Findings);
