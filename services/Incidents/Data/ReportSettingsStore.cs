namespace Governance.Incidents.Data;

/// <summary>The reports' county-editable settings (migration 0017), one integer per key.</summary>
public static class ReportSettingsStore
{
    public const string RepeatPlaceThreshold = "repeat-place-threshold";

    public static Task<int?> FindAsync(DbSession session, string key) =>
        session.QuerySingleOrDefaultAsync<int?>("SELECT setting_value FROM report_settings WHERE setting_key = @key", new { key });

    public static async Task SetAsync(UnitOfWork uow, string key, int value, string by)
    {
        var args = new { key, value, at = uow.Now.ToUnixTimeMilliseconds(), by };
        if (await uow.ExecuteAsync("UPDATE report_settings SET setting_value = @value, updated_at_ms = @at, updated_by = @by WHERE setting_key = @key", args) == 0)
            await uow.ExecuteAsync("INSERT INTO report_settings (setting_key, setting_value, updated_at_ms, updated_by) VALUES (@key, @value, @at, @by)", args);
    }
}
