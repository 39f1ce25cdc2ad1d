using Dapper;
using Microsoft.Data.Sqlite;

namespace Governance.IntegrationTests.Support;

/// <summary>What a standalone Host's three SQLite databases hold, table by table, to show that a request changed nothing.</summary>
public static class ServiceTables
{
    /// <summary>Row counts (and sums of change stamps) of every table of the three services — outbox,
    /// inbox and read models included. The audit log is left out: it grows with accepted reads of personal
    /// data (a GET with an odd but harmless query still answers), the log doing its job, not a change of data.</summary>
    public static async Task<Dictionary<string, string>> SnapshotAsync(string dataFolder)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var service in new[] { "grids", "incidents", "dispatch" })
        {
            await using var c = new SqliteConnection($"Data Source={dataFolder}/{service}.db");
            await c.OpenAsync();
            foreach (var table in await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log'"))
            {
                var columns = (await c.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')")).ToList();
                var stamp = columns.Contains("updated_at_ms") ? ", COALESCE(SUM(updated_at_ms), 0)" : ", 0";
                var version = columns.Contains("version") ? ", COALESCE(SUM(version), 0)" : ", 0";
                var row = await c.QuerySingleAsync($"SELECT COUNT(*) AS n{stamp} AS s{version} AS v FROM {table}");
                snapshot[$"{service}.{table}"] = $"{row.n}/{row.s}/{row.v}";
            }
        }
        return snapshot;
    }

    /// <summary>"table: before → after" for each table that differs.</summary>
    public static IReadOnlyList<string> Changes(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k}: {before.GetValueOrDefault(k)} → {after.GetValueOrDefault(k)}").ToList();
}
