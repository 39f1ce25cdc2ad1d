using System.Diagnostics;
using System.Globalization;
using System.Text;
using Governance.Benchmarks;

// deploy/benchmark.sh builds in Release and runs this; see that script for the arguments.
var o = Options.Parse(args);
if (!File.Exists(o.HostDll)) throw new FileNotFoundException($"{o.HostDll} is missing: build the Host in Release first (deploy/benchmark.sh does)");
Directory.CreateDirectory(o.WorkDir);
var report = new Report();
var started = DateTimeOffset.UtcNow;
var exitCode = 0;
// Everything shares two cores: what else ran during the benchmark is part of its result.
string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
var loadAtStart = LoadAverage();

// Each part on its own: a part that fails is reported as such and the others still run.
async Task Part(string name, Func<Task> run)
{
    try { await run(); }
    catch (Exception e)
    {
        report.Note($"{name} FAILED: {e.GetType().Name}: {e.Message}");
        Console.Error.WriteLine(e);
        exitCode = 1;
    }
}

var broker = double.NaN;
if (o.Ceilings)
{
    await Part("RabbitMQ ceiling", async () =>
    {
        Log.Info("ceilings: raw RabbitMQ.Client and raw Dapper on this machine");
        const string vhost = "governance-bench-ceiling";
        Servers.CreateVirtualHost(vhost);
        try { await Ceilings.RabbitAsync(report, vhost, messages: 200_000, limit: TimeSpan.FromSeconds(20)); }
        finally { Servers.DeleteVirtualHost(vhost); }
        broker = report.Value("ceiling", "RabbitMQ publish+consume (persistent, confirms)") ?? double.NaN;
    });
    await Part("PostgreSQL ceiling", () => Ceilings.PostgresAsync(report, TimeSpan.FromSeconds(10)));
}
if (o.Distributed) await Part("distributed", () => EndToEnd.DistributedAsync(report, o, double.IsNaN(broker) ? 0 : broker));
if (o.Standalone) await Part("standalone", () => EndToEnd.StandaloneAsync(report, o));
if (o.Growth) await Part("growth", () => Growth.RunAsync(report, o));
if (o.Exports) await Part("exports", () => Exports.RunAsync(report, o));
if (o.Micro) await Part("micro", () => { Micro.Run(report, o); return Task.CompletedTask; });

var table = report.Table();
Console.WriteLine();
Console.WriteLine(table);

if (o.Record)
{
    var header = new StringBuilder()
        .Append($"\n## {started:yyyy-MM-dd HH:mm} UTC · commit {Git("rev-parse --short HEAD")}")
        .Append(Git("status --porcelain --untracked-files=no").Length > 0 ? " + uncommitted changes" : "")
        .Append(o.Label.Length > 0 ? $" · {o.Label}" : "").Append("\n\n")
        .Append($"`deploy/benchmark.sh {string.Join(' ', args.Where(a => a != "--root" && a != o.Root))}` — ")
        .Append($"{Environment.ProcessorCount} cores, PostgreSQL synchronous_commit={Setting("synchronous_commit")}, shared_buffers={Setting("shared_buffers")}")
        .Append(o.Overrides.Count > 0 ? $"; service settings: {string.Join(", ", o.Overrides.Select(kv => $"{kv.Key}={kv.Value}"))}" : "")
        .Append("\n\n");
    if (!File.Exists(o.History))
        File.WriteAllText(o.History, "# Benchmark history\n\nEvery run of `deploy/benchmark.sh` appends its table here (docs/performance.md says how to read it).\n");
    File.AppendAllText(o.History, header + table);
    Log.Info($"appended to {o.History}");
}

string Num(double? v, string format = "0") => v is { } x && !double.IsNaN(x) && !double.IsInfinity(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "na";
var e2e = report.Value("distributed", "sustained cases/s (filed→assigned)");
var brokerRate = report.Value("ceiling", "RabbitMQ publish+consume (persistent, confirms)");
var p99 = report.Figures.LastOrDefault(f => f.Section == "distributed" && f.Name.StartsWith("file→routed p99") && f.Target is not null)?.Value;
var standalone = report.Value("standalone", "sustained cases/s (filed→assigned)");
var rss = report.Figures.Where(f => f.Section == "memory").Select(f => f.Value).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();
Console.WriteLine($"summary e2e_cases_per_s={Num(e2e)} broker_msgs_per_s={Num(brokerRate)} ratio={Num(e2e / brokerRate, "0.000")} " +
    $"p99_ms={Num(p99)} standalone_cases_per_s={Num(standalone)} max_rss_mb={Num(rss)}");
return exitCode;

static string Git(string arguments)
{
    try
    {
        var start = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit(10_000);
        return output;
    }
    catch (Exception) { return "unknown"; }
}

static string Setting(string name)
{
    try { return Servers.Setting(name); }
    catch (Exception) { return "?"; }
}
