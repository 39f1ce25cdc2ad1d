using Dapper;

namespace Governance.Incidents.Dashboard;

/// <summary>
/// Keeps the dashboard's read model current. Called inside the transaction that changes the case,
/// so the figures can never drift from the cases (and an inbox-deduplicated message counts once).
/// Days are China-local calendar days, as the county reads its reports.
/// </summary>
public static class DashboardProjector
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly string[] VillageKeys = ["day", "township_code", "village_code", "category"];
    private static readonly string[] TownshipKeys = ["day", "township_code", "category"];
    private static readonly string[] DailyCounters =
        ["filed", "closed", "closed_in_village", "closed_in_township", "closed_on_time", "satisfaction_answers", "satisfied",
         "resident_answers", "resident_satisfied"];

    /// <summary>What one change adds to a day's figures, the same for the village's row and the township's.</summary>
    private readonly record struct Daily(int Filed = 0, int Closed = 0, int InVillage = 0, int InTownship = 0, int OnTime = 0,
        int Answers = 0, int Satisfied = 0, int ResidentAnswers = 0, int ResidentSatisfied = 0);

    public static int Day(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaOffset);
        return local.Year * 10000 + local.Month * 100 + local.Day;
    }

    // Lock order. These counter rows are what concurrent transactions share most, and each holds their
    // locks until it commits. The unit of work applies them just before the commit, summed per row, in one
    // order for every transaction (CounterChanges) — village row, grid row, durations row, department row,
    // escalations row, open counter, township row, and by key within each — so two can wait on each other but
    // never in a circle, even a group commit of many filings; the township row, shared by every filing and
    // closing of the township's category that day, comes last, so it is held the shortest.
    private static readonly CounterTable Village = new(10, "rollup_village_daily", VillageKeys, DailyCounters);
    private static readonly CounterTable Grid = new(20, "rollup_grid_daily", ["day", "grid_code"], ["filed"], ["township_code", "village_code"]);
    private static readonly CounterTable DurationsDaily = new(30, "rollup_durations_daily", ["day", "village_code", "measure", "bucket"], ["cases"], ["township_code"]);
    private static readonly CounterTable Department = new(40, "rollup_department_daily", ["day", "township_code", "department_code"],
        ["closed", "closed_on_time", "satisfaction_answers", "satisfied", "resident_answers", "resident_satisfied"]);
    private static readonly CounterTable Escalations = new(50, "rollup_escalations_daily", ["day", "village_code", "reason", "from_tier"], ["escalations"], ["township_code"]);
    private static readonly CounterTable OpenCounter = new(60, "open_counters", ["village_code", "tier"], ["open_cases", "overdue_cases"], ["township_code"]);
    /// <summary>The same figures as the village's for the township (rollup_township_daily): what the county's and the
    /// townships' dashboards read, so they sum a few rows per day however many villages file.</summary>
    private static readonly CounterTable Township = new(70, "rollup_township_daily", TownshipKeys, DailyCounters);

    public static Task FiledAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident)
    {
        if (incident.Ancestry is not { } place) return Task.CompletedTask;
        var row = DailyRow(uow, incident, place, new Daily(Filed: 1));
        row["grid_code"] = place.GridCode;
        uow.AddToCounters(Village, row);
        uow.AddToCounters(Grid, row);
        uow.AddToCounters(Township, row);
        return Task.CompletedTask;
    }

    /// <summary>The case's tier changed (routed, moved, restarted): it leaves one open counter for another.</summary>
    public static Task TierChangedAsync(UnitOfWork<IncidentsDatabase> uow, Incident before, Incident after)
    {
        if (after.Ancestry is not { } place || before.Tier == after.Tier && before.Overdue == after.Overdue) return Task.CompletedTask;
        if (before.Tier is { } from) AddOpen(uow, place, from, -1, before.Overdue ? -1 : 0);
        if (after.Tier is { } to) AddOpen(uow, place, to, 1, after.Overdue ? 1 : 0);
        return Task.CompletedTask;
    }

    /// <summary>The case passed its deadline on its tier (red card or county flag): counted overdue once.</summary>
    public static Task OverdueAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident)
    {
        if (incident.Ancestry is { } place && incident.Tier is { } tier) AddOpen(uow, place, tier, 0, 1);
        return Task.CompletedTask;
    }

    /// <summary>签收: how long the case waited for its holder since it was put on him (<paramref name="since"/>).</summary>
    public static Task AcceptedAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident, DateTimeOffset since)
    {
        if (incident.Ancestry is not { } place) return Task.CompletedTask;
        var row = new Dictionary<string, object?> { ["day"] = Day(uow.Now), ["township_code"] = place.TownshipCode, ["village_code"] = place.VillageCode };
        AddDuration(row, Durations.Accept, uow.Now - since);
        uow.AddToCounters(DurationsDaily, row);
        return Task.CompletedTask;
    }

    public static Task EscalatedAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident, EscalationReason reason, Tier from, DateTimeOffset at)
    {
        if (incident.Ancestry is not { } place) return Task.CompletedTask;
        uow.AddToCounters(Escalations, new Dictionary<string, object?>
        {
            ["day"] = Day(at), ["village_code"] = place.VillageCode, ["reason"] = Codes.Of(reason), ["from_tier"] = Codes.Of(from),
            ["township_code"] = place.TownshipCode, ["escalations"] = 1,
        });
        return Task.CompletedTask;
    }

    /// <summary>The case closed (verified solved, or settled on the spot): the headline figures move.
    /// <paramref name="staffRecorded"/>: its satisfaction, if any, was recorded by staff (not the resident's own answer).</summary>
    public static Task ClosedAsync(UnitOfWork<IncidentsDatabase> uow, Incident closed, bool staffRecorded = true)
    {
        if (closed.Ancestry is not { } place) return Task.CompletedTask;
        var tier = closed.Tier ?? Tier.Courtyard;
        // On time (按期办结): no deadline missed on the way, and resolved before the last one.
        var onTime = !closed.EverOverdue && (closed.DueAt is not { } due || (closed.ResolvedAt ?? uow.Now) <= due);
        var answered = staffRecorded && closed.Satisfaction is not null;
        var satisfied = answered && Satisfied(closed.Satisfaction);
        var row = DailyRow(uow, closed, place, new Daily(Closed: 1, InVillage: tier <= Tier.Village ? 1 : 0, InTownship: tier <= Tier.Township ? 1 : 0,
            OnTime: onTime ? 1 : 0, Answers: answered ? 1 : 0, Satisfied: satisfied ? 1 : 0));
        uow.AddToCounters(Village, row);
        // Time to resolve (办结): filing to resolution, counted with the closing, so a month's closed cases are its histogram.
        var duration = new Dictionary<string, object?>(row);
        AddDuration(duration, Durations.Resolve, (closed.ResolvedAt ?? uow.Now) - closed.FiledAt);
        uow.AddToCounters(DurationsDaily, duration);
        AddDepartment(uow, row, closed);
        if (LeavesOpenCounter(closed) is { } tierLeft) AddOpen(uow, place, tierLeft, -1, closed.Overdue ? -1 : 0);
        uow.AddToCounters(Township, row);
        return Task.CompletedTask;
    }

    /// <summary>回访: the resident answered his link (群众满意率), on the day he answered; 不满意 counts as an answer.</summary>
    public static Task ResidentAnsweredAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident, Satisfaction answer)
    {
        if (incident.Ancestry is not { } place) return Task.CompletedTask;
        var row = DailyRow(uow, incident, place, new Daily(ResidentAnswers: 1, ResidentSatisfied: Satisfied(answer) ? 1 : 0));
        uow.AddToCounters(Village, row);
        AddDepartment(uow, row, incident);
        uow.AddToCounters(Township, row);
        return Task.CompletedTask;
    }

    private static bool Satisfied(Satisfaction? s) => s is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied;

    /// <summary>The case stopped being open without closing (merged into another).</summary>
    public static Task LeftOpenAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident)
    {
        if (incident.Ancestry is { } place && LeavesOpenCounter(incident) is { } tier) AddOpen(uow, place, tier, -1, incident.Overdue ? -1 : 0);
        return Task.CompletedTask;
    }

    /// <summary>The tier whose open counter a case leaves when it stops being open (none if settled on the spot).</summary>
    private static Tier? LeavesOpenCounter(Incident incident) =>
        incident.Tier is { } tier && !incident.ResolvedOnTheSpot ? tier : null;

    private static void AddOpen(UnitOfWork<IncidentsDatabase> uow, PlaceAncestry place, Tier tier, int open, int overdue) =>
        uow.AddToCounters(OpenCounter, new Dictionary<string, object?>
        {
            ["village_code"] = place.VillageCode, ["township_code"] = place.TownshipCode, ["tier"] = Codes.Of(tier),
            ["open_cases"] = open, ["overdue_cases"] = overdue,
        });

    private static void AddDuration(Dictionary<string, object?> row, string measure, TimeSpan duration)
    {
        row["measure"] = measure;
        row["bucket"] = (short)Durations.BucketOf(duration);
        row["cases"] = 1;
    }

    /// <summary>The lead department's figures (比学赶超), when one was called in: the day's row of the same counters.</summary>
    private static void AddDepartment(UnitOfWork<IncidentsDatabase> uow, Dictionary<string, object?> row, Incident incident)
    {
        if (incident.LeadDepartmentCode is not { } department) return;
        uow.AddToCounters(Department, new Dictionary<string, object?>(row) { ["department_code"] = department });
    }

    private static Dictionary<string, object?> DailyRow(UnitOfWork<IncidentsDatabase> uow, Incident incident, PlaceAncestry place, Daily d) => new()
    {
        ["day"] = Day(uow.Now), ["township_code"] = place.TownshipCode, ["village_code"] = place.VillageCode, ["category"] = Codes.Of(incident.Category),
        ["filed"] = d.Filed, ["closed"] = d.Closed, ["closed_in_village"] = d.InVillage, ["closed_in_township"] = d.InTownship, ["closed_on_time"] = d.OnTime,
        ["satisfaction_answers"] = d.Answers, ["satisfied"] = d.Satisfied, ["resident_answers"] = d.ResidentAnswers, ["resident_satisfied"] = d.ResidentSatisfied,
    };
}
