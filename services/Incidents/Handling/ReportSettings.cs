namespace Governance.Incidents.Handling;

/// <summary>The reports' settings a county edits: how many cases of one category at one place in 90 days make it a
/// repeat place (重复发生点位) on the dashboard.</summary>
public static class ReportSettings
{
    public const int DefaultRepeatPlaceThreshold = 3;

    public sealed record Settings(int RepeatPlaceThreshold);

    public sealed record Change(int? RepeatPlaceThreshold, string Actor);

    public static async Task<Settings> ReadAsync(Infrastructure.Data.DbSession session) =>
        new(await ReportSettingsStore.FindAsync(session, ReportSettingsStore.RepeatPlaceThreshold) ?? DefaultRepeatPlaceThreshold);

    public static async Task<Outcome<Settings>> ChangeAsync(UnitOfWork<IncidentsDatabase> uow, Change change)
    {
        var errors = new FieldErrors();
        if (change.RepeatPlaceThreshold is not { } threshold) errors.Add("repeatPlaceThreshold", ProblemTexts.Required("repeatPlaceThreshold"));
        else if (threshold is < 2 or > 100) errors.Add("repeatPlaceThreshold", ProblemTexts.Between("repeatPlaceThreshold", 2, 100));
        if (errors.Any) return errors;
        await ReportSettingsStore.SetAsync(uow, ReportSettingsStore.RepeatPlaceThreshold, change.RepeatPlaceThreshold!.Value, change.Actor);
        return new Outcome<Settings>.Done(await ReadAsync(uow));
    }
}
