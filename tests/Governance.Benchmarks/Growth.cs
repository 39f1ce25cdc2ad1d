using System.Diagnostics;
using Dapper;
using Governance.Contracts;
using Governance.Dispatch;
using Governance.Dispatch.Data;
using Governance.Dispatch.Deadlines;
using Governance.Dispatch.Handling;
using Governance.Dispatch.Routing;
using Governance.Grids.Model;
using Governance.Incidents;
using Governance.Incidents.Data;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Benchmarks;

/// <summary>
/// Growth: the dashboard's headline (GET /incidents/dashboard/summary, the county, one month) and a
/// deadline sweep (DeadlineSweeper.SweepAsync) at 100 k, 1 M and 10 M closed cases, with a tenth of
/// that in open assignments. Rows are generated set-based (INSERT … SELECT generate_series) straight
/// into the services' real tables (the migrations create them), at the places of the county-size demo
/// county (DemoCountySize.County: 30 townships, 400 villages, 5,000 grids, 40,000 courtyards). The
/// county files 3,333 cases a day, so each step adds older history and the latest month is full
/// from the first step: what changes between steps is only how much lies behind it.
/// </summary>
public static class Growth
{
    private const string IncidentsDbName = "bench_growth_incidents";
    private const string DispatchDbName = "bench_growth_dispatch";
    private const string Vhost = "governance-bench-growth";
    private const long MsPerCase = 86_400_000 / 3_333;
    private const long OpenIdOffset = 1_000_000_000_000;

    public static async Task RunAsync(Report report, Options o)
    {
        var processes = new List<ServiceProcess>();
        Directory.CreateDirectory(o.WorkDir);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        try
        {
            var incidentsCs = await Servers.CreateDatabaseAsync(IncidentsDbName);
            var dispatchCs = await Servers.CreateDatabaseAsync(DispatchDbName);
            var incidentsDb = new IncidentsDatabase(new DatabaseOptions(DatabaseProvider.Postgres, incidentsCs));
            var dispatchDb = new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Postgres, dispatchCs));
            await new MigrationRunner(incidentsDb, TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync(
                IncidentsModule.MigrationTracks);
            await new MigrationRunner(dispatchDb, TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync(
                DispatchModule.MigrationTracks);

            var county = DemoCounty.Generate(DemoCountySize.County);
            foreach (var cs in new[] { incidentsCs, dispatchCs }) await LoadUnitsAsync(cs, county.Units);
            Log.Info($"growth: {county.Units.Count} units of the county-size demo county loaded");

            // Dispatch's start-up seeds (policy, calendar), as DispatchModule.InitializeAsync does.
            var time = TimeProvider.System;
            var outbox = new Outbox<DispatchDatabase>(dispatchDb, time);
            var runner = new UnitOfWorkRunner<DispatchDatabase>(dispatchDb, outbox, time);
            var policies = new PolicyStore();
            var calendars = new CalendarStore(Microsoft.Extensions.Options.Options.Create(new CalendarOptions()), time);
            await runner.RunAsync(async uow =>
            {
                await policies.AddVersionAsync(uow, RoutingPolicy.Default, "system", uow.Now);
                foreach (var year in CalendarStore.Seed) await calendars.SaveAsync(uow, year, "system", uow.Now);
            });
            var sweeper = new DeadlineSweeper(runner, new MissedDeadlines(policies, new Escalator(policies, calendars)), time,
                Microsoft.Extensions.Options.Options.Create(new DeadlineSweeperOptions()), NullLogger<DeadlineSweeper>.Instance);

            // The dashboard is asked over HTTP of a real Incidents process on the growth database.
            Servers.CreateVirtualHost(Vhost);
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Distributed", ["Governance:Services"] = "incidents",
                ["Messaging:RabbitMq:VirtualHost"] = Vhost, ["Logging:LogLevel:Default"] = "Warning",
                ["ConnectionStrings:incidents"] = incidentsCs,
            };
            foreach (var (k, v) in Token.Settings) settings[k] = v;
            foreach (var (k, v) in o.Overrides) settings[k] = v;
            var incidents = ServiceProcess.Start("growth-incidents", o.HostDll, Path.GetDirectoryName(o.HostDll)!, o.WorkDir, settings, probe: false);
            processes.Add(incidents);
            // A county administrator asks for the county's figures.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", new Governance.Infrastructure.Security.TokenIssuer(
                new Governance.Infrastructure.Security.AuthOptions { SigningKey = Token.SigningKey }, TimeProvider.System)
                .Issue("bench-county-admin", "bench-county-admin", [Governance.Infrastructure.Security.Roles.CountyAdministrator], [DemoCounty.CountyCode]));
            await incidents.WaitReadyAsync(http, TimeSpan.FromSeconds(120));

            long loaded = 0;
            var results = new List<(long Cases, double DashP50, double DashP99, double SweepP50, double SweepP99, double SweepDue)>();
            foreach (var step in new long[] { 100_000, 1_000_000, 10_000_000 }.Where(s => s <= o.GrowthMax))
            {
                var watch = Stopwatch.StartNew();
                await GenerateAsync(incidentsCs, dispatchCs, loaded, step, now);
                Log.Info($"growth: {step:#,0} closed cases and {step / 10:#,0} open assignments in place ({watch.Elapsed.TotalSeconds:0} s to add)");
                loaded = step;

                (double, double) dashboard = default;
                await ResilientAsync(async () => dashboard = await DashboardAsync(http, incidents.Address, now));
                var (dashP50, dashP99) = dashboard;
                var sweeps = new List<double>();
                await ResilientAsync(async () =>
                {
                sweeps.Clear();
                for (var i = 0; i < 210; i++)
                {
                    var s = Stopwatch.StartNew();
                    var acted = await sweeper.SweepAsync();
                    if (i >= 10) sweeps.Add(s.Elapsed.TotalMilliseconds);
                    if (acted != 0) throw new InvalidOperationException($"A sweep over nothing due acted on {acted} case(s)");
                }
                });
                sweeps.Sort();
                var dueMs = 0.0;
                await ResilientAsync(async () => dueMs = await SweepWithFewDueAsync(dispatchCs, sweeper, step, now));
                results.Add((step, dashP50, dashP99, Percentile.Of(sweeps, 50), Percentile.Of(sweeps, 99), dueMs));
                var label = step >= 1_000_000 ? $"{step / 1_000_000} M" : $"{step / 1000} k";
                var last = step == new long[] { 100_000, 1_000_000, 10_000_000 }.Where(s => s <= o.GrowthMax).Max();
                var note = $"p50 {dashP50:0.0} ms";
                if (last) report.Target("growth", $"dashboard summary p99 @ {label} cases", dashP99, "ms", 50, atLeast: false, note);
                else report.Add("growth", $"dashboard summary p99 @ {label} cases", dashP99, "ms", note);
                note = $"p50 {Percentile.Of(sweeps, 50):0.0} ms; with 5 due: {dueMs:0.0} ms";
                if (last) report.Target("growth", $"deadline sweep p99 @ {label} cases", Percentile.Of(sweeps, 99), "ms", 20, atLeast: false, note);
                else report.Add("growth", $"deadline sweep p99 @ {label} cases", Percentile.Of(sweeps, 99), "ms", note);
            }
            if (results.Count > 1)
                report.Note($"growth from {results[0].Cases:#,0} to {results[^1].Cases:#,0} cases ({results[^1].Cases / results[0].Cases}×): " +
                    $"dashboard p99 ×{results[^1].DashP99 / results[0].DashP99:0.00}, sweep p99 ×{results[^1].SweepP99 / results[0].SweepP99:0.00}");
            await using (var c = new NpgsqlConnection(incidentsCs))
                report.Note("growth data: " + await c.ExecuteScalarAsync<string>(
                    "SELECT format('incidents %s rows (%s), rollup_village_daily %s rows, rollup_township_daily %s rows', (SELECT COUNT(*) FROM incidents), pg_size_pretty(pg_total_relation_size('incidents')), (SELECT COUNT(*) FROM rollup_village_daily), (SELECT COUNT(*) FROM rollup_township_daily))"));
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
            Servers.DeleteVirtualHost(Vhost);
            await Servers.DropDatabaseAsync(IncidentsDbName);
            await Servers.DropDatabaseAsync(DispatchDbName);
        }
    }

    private static async Task LoadUnitsAsync(string cs, IReadOnlyList<Unit> units)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using (var copy = await c.BeginBinaryImportAsync("COPY unit_copy (code, name, level, parent_code, version, retired) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var u in units)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(u.Code, NpgsqlDbType.Varchar);
                await copy.WriteAsync(u.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync((short)u.Level, NpgsqlDbType.Smallint);
                if (u.ParentCode is null) await copy.WriteNullAsync(); else await copy.WriteAsync(u.ParentCode, NpgsqlDbType.Varchar);
                await copy.WriteAsync(u.Version, NpgsqlDbType.Bigint);
                await copy.WriteAsync((short)0, NpgsqlDbType.Smallint);
            }
            await copy.CompleteAsync();
        }
        // The generator's places: each courtyard with its grid, village and township, numbered.
        await c.ExecuteAsync("""
            CREATE TABLE bench_places AS
            SELECT (row_number() OVER (ORDER BY y.code) - 1)::int AS idx, y.code AS courtyard, g.code AS grid, v.code AS village, t.code AS township
            FROM unit_copy y JOIN unit_copy g ON g.code = y.parent_code JOIN unit_copy v ON v.code = g.parent_code JOIN unit_copy t ON t.code = v.parent_code
            WHERE y.level = 5;
            CREATE UNIQUE INDEX ON bench_places (idx);
            ANALYZE bench_places; ANALYZE unit_copy;
            """);
    }

    // What each generated case k is, computed from k alone (the same expressions feed the cases and
    // their rollups): place, category, the tier it was closed on, whether it was on time and satisfied.
    private const string Derived = """
        SELECT k,
               lpad(to_hex(k), 32, '0')::uuid AS id,
               p.courtyard, p.grid, p.village, p.township,
               (ARRAY['dispute','public-security','petition','work-safety','emergency','livelihood','environment','facilities','consultation','other'])[1 + (k % 10)::int] AS category,
               (ARRAY['courtyard','village','village','village','township','township','county','village','courtyard','village'])[1 + ((k / 10) % 10)::int] AS tier,
               @now - k * @msPerCase AS filed_ms,
               (k % 17 <> 0)::int AS on_time,
               (k % 9 <> 0)::int AS satisfied
        FROM generate_series(@from::bigint, @to::bigint - 1) AS k
        JOIN bench_places p ON p.idx = ((k * 7919) % 40000)::int
        """;

    private static async Task GenerateAsync(string incidentsCs, string dispatchCs, long from, long to, long now)
    {
        var args = new { from, to, now, msPerCase = MsPerCase };
        var chunk = 1_000_000L;
        {
            var cs = incidentsCs;
            for (var a = from; a < to; a += chunk)
            {
                var part = new { from = a, to = Math.Min(to, a + chunk), now, msPerCase = MsPerCase };
                await StageAsync(cs, $"incidents {a}", $"""
                    INSERT INTO incidents (id, unit_code, category, grade, title, description, lat, lng, status, tier, handling_unit_code,
                        due_at_ms, assignment_sequence, flagged_overdue_at_ms, reported_by, filed_at_ms, updated_at_ms, idempotency_key,
                        resolved_by, resolved_on_the_spot, not_solved_count, satisfaction, supervised_at_ms, lead_department_code,
                        deaths, seriously_injured, direct_loss_yuan, possible_duplicate_of, merged_into, grid_code, village_code, township_code,
                        overdue, ever_overdue, resolved_at_ms)
                    SELECT id, courtyard, category, 'IV', 'generated case ' || k, 'generated for the growth benchmark', NULL, NULL, 'closed', tier,
                        CASE tier WHEN 'courtyard' THEN courtyard WHEN 'village' THEN village WHEN 'township' THEN township ELSE '500101000000' END,
                        filed_ms + 259200000, 1, NULL, 'gw-generated', filed_ms, filed_ms + 172800000, NULL,
                        'handler-generated', 0, 0, CASE WHEN satisfied = 1 THEN 'satisfied' ELSE 'dissatisfied' END, NULL, NULL,
                        NULL, NULL, NULL, NULL, NULL, grid, village, township,
                        0, 1 - on_time, filed_ms + 172800000
                    FROM ({Derived}) g
                    """, part);
                Log.Info($"growth: incidents {Math.Min(to, a + chunk):#,0}");
            }
            // The rollups the filing and closing transactions would have kept, for the same cases
            // (filed and closed on the same China-local day): per village, and the same sums per township.
            await StageAsync(cs, $"rollup_village_daily {from}", DailyRollupSql("rollup_village_daily", "township_code, village_code", "township, village"), args);
            await StageAsync(cs, $"rollup_township_daily {from}", DailyRollupSql("rollup_township_daily", "township_code", "township"), args);
            await StageAsync(cs, $"rollup_grid_daily {from}", $"""
                INSERT INTO rollup_grid_daily (day, township_code, village_code, grid_code, filed)
                SELECT day, township, village, grid, COUNT(*)
                FROM (SELECT g.*, to_char(to_timestamp(filed_ms / 1000.0) AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')::int AS day FROM ({Derived}) g) d
                GROUP BY day, township, village, grid
                ON CONFLICT (day, grid_code) DO UPDATE SET filed = rollup_grid_daily.filed + excluded.filed
                """, args);
            // Open cases now, per village and tier: the open assignments below.
            await StageAsync(cs, $"open_counters {from}", $"""
                INSERT INTO open_counters (township_code, village_code, tier, open_cases, overdue_cases)
                SELECT township, village, tier, COUNT(*), 0
                FROM ({Derived.Replace("generate_series(@from::bigint, @to::bigint - 1)", "generate_series(@from::bigint / 10, @to::bigint / 10 - 1)")}) g
                GROUP BY township, village, tier
                ON CONFLICT (village_code, tier) DO UPDATE SET open_cases = open_counters.open_cases + excluded.open_cases
                """, args);
            await StageAsync(cs, $"analyze incidents {from}", "VACUUM (ANALYZE) incidents; VACUUM (ANALYZE) rollup_village_daily; VACUUM (ANALYZE) rollup_township_daily; VACUUM (ANALYZE) rollup_grid_daily; VACUUM (ANALYZE) open_counters;", new { });
        }

        {
            var cs = dispatchCs;
            for (var a = from; a < to; a += chunk)
            {
                var part = new { from = a, to = Math.Min(to, a + chunk), now, msPerCase = MsPerCase };
                // The closed cases' assignments: their clocks stopped long ago.
                await StageAsync(cs, $"assignments {a}", $"""
                    INSERT INTO assignments (incident_id, place_code, category, grade, tier, unit_code, due_at_ms, status, sequence, policy_version,
                        accepted_at_ms, updated_at_ms, started_at_ms, ack_due_at_ms, yellow_at_ms, yellow_warned_at_ms, supervised_at_ms, lead_department_code)
                    SELECT id, courtyard, category, 'IV', tier,
                        CASE tier WHEN 'courtyard' THEN courtyard WHEN 'village' THEN village WHEN 'township' THEN township ELSE '500101000000' END,
                        filed_ms + 259200000, 'closed', 1, 1, filed_ms + 3600000, filed_ms + 172800000, filed_ms, filed_ms + 43200000,
                        filed_ms + 194400000, NULL, NULL, NULL
                    FROM ({Derived}) g
                    """, part);
            }
            // The open ones (a tenth as many, ids of their own): clocks running, none due yet — due
            // within the next 30 days, yellow halfway there, one in ten not yet acknowledged.
            await StageAsync(cs, $"open assignments {from}", $"""
                INSERT INTO assignments (incident_id, place_code, category, grade, tier, unit_code, due_at_ms, status, sequence, policy_version,
                    accepted_at_ms, updated_at_ms, started_at_ms, ack_due_at_ms, yellow_at_ms, yellow_warned_at_ms, supervised_at_ms, lead_department_code)
                SELECT lpad(to_hex(k + {OpenIdOffset}), 32, '0')::uuid, courtyard, category, 'IV', tier,
                    CASE tier WHEN 'courtyard' THEN courtyard WHEN 'village' THEN village WHEN 'township' THEN township ELSE '500101000000' END,
                    due, 'active', 1, 1, CASE WHEN k % 10 = 0 THEN NULL ELSE @now - 60000 END, @now, @now - (k % 86400000),
                    @now + 3600000 + (k * 7919) % 43200000, @now + ((due - @now) / 2) + 60000, NULL, NULL, NULL
                FROM (SELECT g.*, @now + 3600000 + (k * 104729) % 2592000000 AS due
                      FROM ({Derived.Replace("generate_series(@from::bigint, @to::bigint - 1)", "generate_series(@from::bigint / 10, @to::bigint / 10 - 1)")}) g) o
                """, args);
            await StageAsync(cs, $"analyze assignments {from}", "VACUUM (ANALYZE) assignments;", new { });
        }
    }

    private static readonly string[] DailyCounters =
        ["filed", "closed", "closed_in_village", "closed_in_township", "closed_on_time", "satisfaction_answers", "satisfied"];

    /// <summary>A day × unit × category rollup for the generated cases, added to what earlier steps put
    /// there (a step's first day is also the previous step's last).</summary>
    private static string DailyRollupSql(string table, string unitColumns, string unitValues) => $"""
        INSERT INTO {table} (day, {unitColumns}, category, {string.Join(", ", DailyCounters)})
        SELECT day, {unitValues}, category, COUNT(*), COUNT(*), SUM((tier IN ('courtyard', 'village'))::int),
               SUM((tier <> 'county')::int), SUM(on_time), COUNT(*), SUM(satisfied)
        FROM (SELECT g.*, to_char(to_timestamp(filed_ms / 1000.0) AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')::int AS day FROM ({Derived}) g) d
        GROUP BY day, {unitValues}, category
        ON CONFLICT (day, {unitColumns}, category) DO UPDATE SET
            {string.Join(", ", DailyCounters.Select(c => $"{c} = {table}.{c} + excluded.{c}"))}
        """;

    /// <summary>One step of the generation, done once: in a transaction with its mark in bench_progress,
    /// so a run that lost its server halfway (another test restarting PostgreSQL) resumes where it was.</summary>
    private static Task StageAsync(string cs, string stage, string sql, object args) => ResilientAsync(async () =>
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_progress (stage VARCHAR(200) PRIMARY KEY)");
        if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM bench_progress WHERE stage = @stage)", new { stage })) return;
        if (sql.StartsWith("VACUUM"))
        {
            // A county's database is vacuumed by autovacuum long before anyone asks it anything; right
            // after a bulk load autovacuum would still be busy and slow the measurement, so vacuum now
            // (each table on its own: VACUUM cannot run in a transaction).
            foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                await c.ExecuteAsync(statement, commandTimeout: 3600);
            return;
        }
        await using var t = await c.BeginTransactionAsync();
        await c.ExecuteAsync(sql, args, t, commandTimeout: 1800);
        await c.ExecuteAsync("INSERT INTO bench_progress (stage) VALUES (@stage)", new { stage }, t);
        await t.CommitAsync();
    });

    /// <summary>Runs <paramref name="work"/> again (up to 5 times) when the server went away under it.</summary>
    private static async Task ResilientAsync(Func<Task> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work();
                return;
            }
            catch (Exception e) when (attempt < 5 && ServerGone(e))
            {
                Log.Info($"growth: PostgreSQL went away ({e.Message}); waiting for it and resuming");
                NpgsqlConnection.ClearAllPools();
                var deadline = DateTime.UtcNow.AddMinutes(3);
                while (DateTime.UtcNow < deadline)
                {
                    try
                    {
                        await using var probe = new NpgsqlConnection(Servers.PostgresAdmin);
                        await probe.OpenAsync();
                        break;
                    }
                    catch (Exception) { await Task.Delay(1000); }
                }
                await Task.Delay(2000);
            }
        }
    }

    private static bool ServerGone(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("57P") || p.SqlState.StartsWith("08"),
        NpgsqlException or IOException or System.Net.Sockets.SocketException or HttpRequestException => true,
        _ => e.InnerException is { } inner && ServerGone(inner),
    };

    /// <summary>GET /incidents/dashboard/summary for the county over the latest month: 20 warm-ups, then 200 timed.</summary>
    private static async Task<(double P50, double P99)> DashboardAsync(HttpClient http, Uri service, long now)
    {
        var today = DateTimeOffset.FromUnixTimeMilliseconds(now).ToOffset(TimeSpan.FromHours(8));
        var url = new Uri(service, $"/incidents/dashboard/summary?unitCode={DemoCounty.CountyCode}&from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var times = new List<double>();
        string body = "";
        for (var i = 0; i < 220; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            body = await response.Content.ReadAsStringAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 20) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        Log.Info($"growth: dashboard answered {body[..Math.Min(body.Length, 200)]}");
        times.Sort();
        return (Percentile.Of(times, 50), Percentile.Of(times, 99));
    }

    /// <summary>Five village-tier clocks passed just now: one sweep acts on them (red card; flagged or moved up, as the policy says).</summary>
    private static async Task<double> SweepWithFewDueAsync(string dispatchCs, DeadlineSweeper sweeper, long step, long now)
    {
        await using (var c = new NpgsqlConnection(dispatchCs))
        {
            await c.ExecuteAsync($"""
                INSERT INTO assignments (incident_id, place_code, category, grade, tier, unit_code, due_at_ms, status, sequence, policy_version,
                    accepted_at_ms, updated_at_ms, started_at_ms, ack_due_at_ms, yellow_at_ms, yellow_warned_at_ms, supervised_at_ms, lead_department_code)
                SELECT lpad(to_hex(k + 2 * {OpenIdOffset} + @step), 32, '0')::uuid, courtyard, 'dispute', 'IV', 'village', village,
                    @now - 1000, 'active', 1, 1, @now - 86400000, @now - 86400000, @now - 86400000, NULL, @now - 20000, @now - 10000, NULL, NULL
                FROM ({Derived.Replace("generate_series(@from::bigint, @to::bigint - 1)", "generate_series(0, 4)")}) g
                ON CONFLICT (incident_id) DO NOTHING
                """, new { step, now, msPerCase = MsPerCase });
        }
        var watch = Stopwatch.StartNew();
        var acted = await sweeper.SweepAsync();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (acted != 5) Log.Info($"growth: the sweep with five due acted on {acted} (resumed after a lost server?)");
        return ms;
    }
}
