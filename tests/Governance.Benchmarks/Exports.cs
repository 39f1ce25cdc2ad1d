using System.Diagnostics;
using System.Text;
using Dapper;
using Governance.Incidents;
using Governance.Incidents.Data;
using Governance.Incidents.Exports;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.UnitCopy;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.Benchmarks;

/// <summary>
/// Exports (issue #15): a case list of N cases (default 1 M) read from SQLite on a read session and written as
/// the county downloads it — CSV and XLSX through <see cref="TableFile"/> (MiniExcel; masking, neutralising,
/// labels) — against a baseline measured in the same run: the same rows, read by the same query, written as a
/// plain CSV line by line. Prints rows/s, the ratio to the baseline, the file's size and each write's peak RSS
/// (VmHWM, reset before each write through /proc/self/clear_refs, so it is that write's own peak).
/// </summary>
public static class Exports
{
    private const string Section = "exports";

    public static async Task RunAsync(Report report, Options o)
    {
        var path = Path.Combine(o.WorkDir, "bench-exports.db");
        foreach (var f in Directory.GetFiles(o.WorkDir, "bench-exports.db*")) File.Delete(f);
        try
        {
            var db = new IncidentsDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}"));
            await new MigrationRunner(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync(
                IncidentsModule.MigrationTracks);
            var loaded = Stopwatch.StartNew();
            await GenerateAsync(path, o.ExportCases);
            Log.Info($"exports: {o.ExportCases:N0} cases generated in {loaded.Elapsed.TotalSeconds:0.0} s");

            var baseline = await MeasureAsync(report, db, o.ExportCases, "plain CSV write (baseline)", null, (c, names) =>
            {
                var file = Path.Combine(o.WorkDir, "bench-exports-baseline.csv");
                using var writer = new StreamWriter(file, false, new UTF8Encoding(true), 1 << 16);
                foreach (var i in IncidentStore.Stream(c, new CaseFilter(), null))
                    writer.Write($"{i.Id},{i.Title},{i.Description},{i.Category},{i.Grade},{i.Status},{i.Tier},{i.HandlingUnitCode},{i.UnitCode},{i.FiledAt:O},{i.DueAt:O}\r\n");
                writer.Flush();
                var size = new FileInfo(file).Length;
                File.Delete(file);
                return size;
            });
            foreach (var format in new[] { ExportFormat.Csv, ExportFormat.Xlsx })
                await MeasureAsync(report, db, o.ExportCases, $"export {format.Extension()}", baseline, (c, names) =>
                {
                    using var file = TableFile.Write(format, "案件清单", IncidentStore.Stream(c, new CaseFilter(), null).Select(i => CaseRow.Of(i, names)),
                        new ExportOptions().RowsPerSheet);
                    return file.Length;
                });
        }
        finally
        {
            foreach (var f in Directory.GetFiles(o.WorkDir, "bench-exports*")) File.Delete(f);
        }
    }

    /// <summary>One write, timed; rows/s, ratio to the baseline (if given), size and peak RSS reported. Returns rows/s.</summary>
    private static async Task<double> MeasureAsync(Report report, IncidentsDatabase db, int cases, string name, double? baseline,
        Func<DbSession, IReadOnlyDictionary<string, string>, long> write)
    {
        GC.Collect();
        ResetPeakRss();
        var clock = Stopwatch.StartNew();
        await using var c = await db.OpenReadAsync();
        var names = await UnitCopyStore.NamesAsync(c);
        var bytes = await Task.Run(() => write(c, names));
        var rate = cases / clock.Elapsed.TotalSeconds;
        report.Add(Section, $"{name} rows/s", rate, "rows/s", $"{cases:N0} cases, {clock.Elapsed.TotalSeconds:0.0} s, {bytes / 1e6:0.0} MB");
        if (baseline is { } b) report.Add(Section, $"{name} ÷ baseline", rate / b, "×");
        report.Add(Section, $"{name} peak RSS", PeakRssMb(), "MB");
        return rate;
    }

    /// <summary>Cases set-based in one statement: spread over 90 days, categories, grades, statuses and courtyards,
    /// one in seven with a title that would start a formula and one in five with a mobile number in its text.</summary>
    private static async Task GenerateAsync(string path, int cases)
    {
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await c.OpenAsync();
        await c.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;");
        await c.ExecuteAsync("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @cases)
            INSERT INTO incidents (id, unit_code, category, grade, title, description, status, tier, handling_unit_code, due_at_ms,
                assignment_sequence, reported_by, filed_at_ms, updated_at_ms, grid_code, village_code, township_code, overdue)
            SELECT printf('00000000-0000-7000-8000-%012x', i),
                printf('500101%03d%03d%03d%03d', 1 + i % 30, 1 + i % 13, 1 + i % 12, 1 + i % 8),
                CASE i % 5 WHEN 0 THEN 'dispute' WHEN 1 THEN 'environment' WHEN 2 THEN 'facilities' WHEN 3 THEN 'livelihood' ELSE 'other' END,
                CASE i % 3 WHEN 0 THEN 'IV' WHEN 1 THEN 'III' ELSE 'II' END,
                CASE WHEN i % 7 = 0 THEN '=HYPERLINK("x")' ELSE '小区门口路灯不亮第' || i || '号' END,
                CASE WHEN i % 5 = 0 THEN '联系人13812345678，' ELSE '' END || '居民反映夜间照明不足，影响出行安全，请尽快处理。',
                CASE i % 4 WHEN 0 THEN 'closed' WHEN 1 THEN 'accepted' ELSE 'assigned' END, 'village',
                printf('500101%03d%03d000', 1 + i % 30, 1 + i % 13), 1764000000000 + i * 7776, 1,
                'bench-worker', 1764000000000 - 7776000000 + i * 7776, 1764000000000 + i * 7776,
                printf('500101%03d%03d%03d', 1 + i % 30, 1 + i % 13, 1 + i % 12), printf('500101%03d%03d', 1 + i % 30, 1 + i % 13) || '000',
                printf('500101%03d000000', 1 + i % 30), i % 9 = 0
            FROM n
            """, new { cases }, commandTimeout: 600);
    }

    private static void ResetPeakRss()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }
}
