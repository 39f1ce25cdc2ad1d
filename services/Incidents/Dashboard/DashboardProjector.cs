using Dapper;
using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Model;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Messaging;

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
        ["filed", "closed", "closed_in_village", "closed_in_township", "closed_on_time", "satisfaction_answers", "satisfied"];

    /// <summary>What one change adds to a day's figures, the same for the village's row and the township's.</summary>
    private readonly record struct Daily(int Filed = 0, int Closed = 0, int InVillage = 0, int InTownship = 0, int OnTime = 0,
        int Answers = 0, int Satisfied = 0);

    public static int Day(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaOffset);
        return local.Year * 10000 + local.Month * 100 + local.Day;
    }

    // Lock order. These upserts change rows that concurrent transactions share, and each holds its row
    // locks until it commits. Every transaction takes them in one order — village row, grid row, open
    // counter, township row — so two can wait on each other but never in a circle; the township row,
    // shared by every filing and closing of the township's category that day, comes last, so it is held
    // the shortest (Filing.cs puts the projector last in its transaction for the same reason).

    public static async Task FiledAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident)
    {
        if (incident.Ancestry is not { } place) return;
        var row = DailyRow(uow, incident, place, new Daily(Filed: 1));
        await VillageDailyAsync(uow, row);
        await uow.Connection.ExecuteAsync(Sql.Increment(uow.Provider, "rollup_grid_daily", ["day", "grid_code"], ["filed"], ["township_code", "village_code"]),
            new { day = Day(uow.Now), grid_code = place.GridCode, township_code = place.TownshipCode, village_code = place.VillageCode, filed = 1 },
            uow.Transaction);
        await TownshipDailyAsync(uow, row);
    }

    /// <summary>The case's tier changed (routed, moved, restarted): it leaves one open counter for another.</summary>
    public static async Task TierChangedAsync(UnitOfWork<IncidentsDatabase> uow, Incident before, Incident after)
    {
        if (after.Ancestry is not { } place || before.Tier == after.Tier && before.Overdue == after.Overdue) return;
        if (before.Tier is { } from) await OpenAsync(uow, place, from, -1, before.Overdue ? -1 : 0);
        if (after.Tier is { } to) await OpenAsync(uow, place, to, 1, after.Overdue ? 1 : 0);
    }

    /// <summary>The case passed its deadline on its tier (red card or county flag): counted overdue once.</summary>
    public static async Task OverdueAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident)
    {
        if (incident.Ancestry is { } place && incident.Tier is { } tier)
            await OpenAsync(uow, place, tier, 0, 1);
    }

    public static async Task EscalatedAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident, EscalationReason reason, Tier from, DateTimeOffset at)
    {
        if (incident.Ancestry is not { } place) return;
        await uow.Connection.ExecuteAsync(Sql.Increment(uow.Provider, "rollup_escalations_daily",
                ["day", "village_code", "reason", "from_tier"], ["escalations"], ["township_code"]),
            new { day = Day(at), village_code = place.VillageCode, reason = Codes.Of(reason), from_tier = Codes.Of(from), township_code = place.TownshipCode, escalations = 1 },
            uow.Transaction);
    }

    /// <summary>The case closed (verified solved, or settled on the spot): the headline figures move.</summary>
    public static async Task ClosedAsync(UnitOfWork<IncidentsDatabase> uow, Incident closed)
    {
        if (closed.Ancestry is not { } place) return;
        var tier = closed.Tier ?? Tier.Courtyard;
        // On time (按期办结): no deadline missed on the way, and resolved before the last one.
        var onTime = !closed.EverOverdue && (closed.DueAt is not { } due || (closed.ResolvedAt ?? uow.Now) <= due);
        var answered = closed.Satisfaction is not null;
        var satisfied = closed.Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied;
        var row = DailyRow(uow, closed, place, new Daily(Closed: 1, InVillage: tier <= Tier.Village ? 1 : 0, InTownship: tier <= Tier.Township ? 1 : 0,
            OnTime: onTime ? 1 : 0, Answers: answered ? 1 : 0, Satisfied: satisfied ? 1 : 0));
        await VillageDailyAsync(uow, row);
        await LeftOpenAsync(uow, closed);
        await TownshipDailyAsync(uow, row);
    }

    /// <summary>The case stopped being open without closing (merged into another).</summary>
    public static Task LeftOpenAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident) =>
        incident.Ancestry is { } place && incident.Tier is { } tier && !incident.ResolvedOnTheSpot
            ? OpenAsync(uow, place, tier, -1, incident.Overdue ? -1 : 0)
            : Task.CompletedTask;

    private static Task OpenAsync(UnitOfWork<IncidentsDatabase> uow, PlaceAncestry place, Tier tier, int open, int overdue) =>
        uow.Connection.ExecuteAsync(Sql.Increment(uow.Provider, "open_counters", ["village_code", "tier"], ["open_cases", "overdue_cases"], ["township_code"]),
            new { village_code = place.VillageCode, tier = Codes.Of(tier), township_code = place.TownshipCode, open_cases = open, overdue_cases = overdue },
            uow.Transaction);

    private static object DailyRow(UnitOfWork<IncidentsDatabase> uow, Incident incident, PlaceAncestry place, Daily d) => new
    {
        day = Day(uow.Now), township_code = place.TownshipCode, village_code = place.VillageCode, category = Codes.Of(incident.Category),
        filed = d.Filed, closed = d.Closed, closed_in_village = d.InVillage, closed_in_township = d.InTownship, closed_on_time = d.OnTime,
        satisfaction_answers = d.Answers, satisfied = d.Satisfied,
    };

    private static Task VillageDailyAsync(UnitOfWork<IncidentsDatabase> uow, object row) =>
        uow.Connection.ExecuteAsync(Sql.Increment(uow.Provider, "rollup_village_daily", VillageKeys, DailyCounters), row, uow.Transaction);

    /// <summary>The same figures for the township (rollup_township_daily): what the county's and the
    /// townships' dashboards read, so they sum a few rows per day however many villages file.</summary>
    private static Task TownshipDailyAsync(UnitOfWork<IncidentsDatabase> uow, object row) =>
        uow.Connection.ExecuteAsync(Sql.Increment(uow.Provider, "rollup_township_daily", TownshipKeys, DailyCounters), row, uow.Transaction);
}
