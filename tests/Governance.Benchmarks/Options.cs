using System.Globalization;

namespace Governance.Benchmarks;

/// <summary>The command line (deploy/benchmark.sh passes its arguments through).</summary>
public sealed class Options
{
    public string Root { get; private set; } = Directory.GetCurrentDirectory();
    /// <summary>The Host build to measure (--host: e.g. a copy of an earlier build, for before/after).</summary>
    public string HostDll => _hostDll ?? Path.Combine(Root, "services", "Host", "bin", "Release", "net10.0", "Governance.Host.dll");
    private string? _hostDll;
    public string WorkDir => Path.Combine(Root, "data", "benchmark");
    public string History { get; private set; } = "";

    public bool Ceilings { get; private set; } = true;
    public bool Distributed { get; private set; } = true;
    public bool Standalone { get; private set; } = true;
    public bool Micro { get; private set; } = true;
    public bool Growth { get; private set; }
    /// <summary>Exports (issue #15): a case list of <see cref="ExportCases"/> cases as CSV and XLSX against a plain CSV write.</summary>
    public bool Exports { get; private set; }
    public int ExportCases { get; private set; } = 1_000_000;
    public bool Record { get; private set; } = true;

    /// <summary>Closed-loop length and concurrency.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(60);
    public int Workers { get; private set; } = 32;
    /// <summary>Also the distributed run with a second instance of Incidents and of Dispatch (competing consumers).</summary>
    public bool ScaleOut { get; private set; }
    /// <summary>Also each case's whole life with the pages' reads (DayMix.cs), after the filing-only phases.</summary>
    public bool DayMix { get; private set; } = true;
    /// <summary>Also where each service's CPU goes (CpuProfile.cs): a short closed loop sampled by dotnet-trace.</summary>
    public bool Profile { get; private set; }
    public int StandaloneWorkers { get; private set; } = 32;
    /// <summary>Open-loop offered load for the latency figure.</summary>
    public double Rate { get; private set; } = 300;
    public TimeSpan LatencyDuration { get; private set; } = TimeSpan.FromSeconds(30);
    public int CostCases { get; private set; } = 1000;
    public long GrowthMax { get; private set; } = 10_000_000;

    /// <summary>Configuration given to every service process (--set Key=Value), e.g. to try a setting.</summary>
    public Dictionary<string, string> Overrides { get; } = new();
    public string Label { get; private set; } = "";

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--root": o.Root = Path.GetFullPath(Next()); break;
                case "--history": o.History = Next(); break;
                case "--host": o._hostDll = Path.GetFullPath(Next()); break;
                case "--growth": o.Growth = true; break;
                case "--growth-only": o.Growth = true; o.Ceilings = o.Distributed = o.Standalone = o.Micro = false; break;
                case "--growth-max": o.GrowthMax = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--exports": o.Exports = true; break;
                case "--exports-only": o.Exports = true; o.Ceilings = o.Distributed = o.Standalone = o.Micro = false; break;
                case "--export-cases": o.ExportCases = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--no-ceilings": o.Ceilings = false; break;
                case "--no-distributed": o.Distributed = false; break;
                case "--no-standalone": o.Standalone = false; break;
                case "--no-micro": o.Micro = false; break;
                case "--no-record": o.Record = false; break;
                case "--scale-out": o.ScaleOut = true; break;
                case "--no-day-mix": o.DayMix = false; break;
                case "--profile": o.Profile = true; break;
                case "--duration": o.Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--workers": o.Workers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--standalone-workers": o.StandaloneWorkers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rate": o.Rate = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--latency-duration": o.LatencyDuration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--cost-cases": o.CostCases = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--label": o.Label = Next(); break;
                case "--set":
                    var setting = Next();
                    var eq = setting.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--set wants Key=Value, got '{setting}'");
                    o.Overrides[setting[..eq]] = setting[(eq + 1)..];
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}' (see deploy/benchmark.sh)");
            }
        }
        if (o.Duration < TimeSpan.FromSeconds(20) || o.Duration > TimeSpan.FromMinutes(30)) throw new ArgumentException("--duration must be 20..1800 s");
        if (o.Workers is < 1 or > 512 || o.StandaloneWorkers is < 1 or > 512) throw new ArgumentException("--workers must be 1..512");
        if (o.ExportCases is < 1000 or > 20_000_000) throw new ArgumentException("--export-cases must be 1000..20000000");
        if (o.Rate is <= 0 or > 5000) throw new ArgumentException("--rate must be in (0, 5000]");
        if (o.History == "") o.History = Path.Combine(o.Root, "deploy", "benchmark-history.md");
        return o;
    }
}
