using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Governance.Benchmarks
{
    /// <summary>What the probe wrote: database commands sent so far, and (while tracing) per statement.</summary>
    public sealed record ProbeCounts(long Commands, Dictionary<string, long> Statements)
    {
        public static readonly ProbeCounts None = new(0, []);
    }

    public static class Probe
    {
        public const string FileVariable = "GOVERNANCE_PROBE_FILE";

        /// <summary>The counts the hook last wrote. It writes a temporary file and renames it over this
        /// one (atomic on Linux), so a read sees a whole file or none: nothing to retry.</summary>
        public static ProbeCounts Read(string? file) =>
            file is not null && File.Exists(file)
                ? JsonSerializer.Deserialize<ProbeCounts>(File.ReadAllText(file)) ?? ProbeCounts.None
                : ProbeCounts.None;

        /// <summary>Per-statement tracing is on while this file exists.</summary>
        public static string TraceFlag(string file) => file + ".trace";
    }
}

/// <summary>
/// A .NET startup hook (DOTNET_STARTUP_HOOKS) the benchmark loads into the services it starts. It
/// listens to Npgsql's own instrumentation: the "db.client.operation.duration" metric counts every
/// command sent (one round trip each; COMMIT is not a command and is counted from pg_stat_database
/// instead), and while the trace flag file exists, Npgsql's activities give the count per statement.
/// Every half second it writes the totals to the file named by GOVERNANCE_PROBE_FILE.
/// </summary>
internal static class StartupHook
{
    private static long _commands;
    private static volatile bool _tracing;
    private static readonly ConcurrentDictionary<string, long> Statements = new();
    private static MeterListener? _meters;
    private static ActivityListener? _activities;
    private static Timer? _timer;

    public static void Initialize()
    {
        var file = Environment.GetEnvironmentVariable(Governance.Benchmarks.Probe.FileVariable);
        if (string.IsNullOrEmpty(file)) return;

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.operation.duration" or "db.client.commands.duration")
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _commands));
        _meters.Start();

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => _tracing ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            // Called for every Npgsql activity another listener (the services' own tracing) records, whatever this
            // one sampled: outside the cost phase its Regex would be the benchmark's CPU counted as the services'.
            ActivityStopped = activity =>
            {
                if (!_tracing) return;
                var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
                Statements.AddOrUpdate(Shorten(text), 1, (_, n) => n + 1);
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _timer = new Timer(_ =>
        {
            try
            {
                _tracing = File.Exists(Governance.Benchmarks.Probe.TraceFlag(file));
                var counts = new Governance.Benchmarks.ProbeCounts(Interlocked.Read(ref _commands), new Dictionary<string, long>(Statements));
                var temporary = file + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(counts));
                File.Move(temporary, file, overwrite: true);
            }
            catch (IOException) { }
        }, null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    private static string Shorten(string text)
    {
        var oneLine = Regex.Replace(text, @"\s+", " ").Trim();
        return oneLine.Length <= 90 ? oneLine : oneLine[..90] + "…";
    }
}
