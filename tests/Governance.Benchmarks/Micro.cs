using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Outbox;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Benchmarks;

/// <summary>The hot in-process paths of one case: Dispatch's routing decision and clocks, the
/// working-day calendar, and the outbox's JSON of IncidentFiled (written at filing, read by the relay).</summary>
[MemoryDiagnoser]
public class HotPaths
{
    private readonly RoutingPolicy _policy = RoutingPolicy.Default;
    private readonly RoutingPolicy _workingPolicy = RoutingPolicy.Default with { Clock = DeadlineClock.Working };
    private readonly WorkingCalendar _calendar = new(
        CalendarStore.Seed.SelectMany(y => y.Holidays).ToHashSet(), CalendarStore.Seed.SelectMany(y => y.Workdays).ToHashSet(),
        new TimeOnly(9, 0), new TimeOnly(17, 30), TimeSpan.FromHours(8));
    // A Friday afternoon before a holiday week (2025-09-30, China time): the working clock has to skip days.
    private readonly DateTimeOffset _now = new(2025, 9, 30, 16, 0, 0, TimeSpan.FromHours(8));
    private readonly IReadOnlyList<CopiedUnit> _chain =
    [
        new("500101001001001001", "龙白院落", UnitLevel.Courtyard, "500101001001001"),
        new("500101001001001", "第1网格", UnitLevel.Grid, "500101001001"),
        new("500101001001", "龙白村", UnitLevel.Village, "500101001000"),
        new("500101001000", "龙白镇", UnitLevel.Township, "500101000000"),
        new("500101000000", "示范县", UnitLevel.County, null),
    ];
    private readonly IncidentFiled _filed = new(Guid.CreateVersion7(), "500101001001001001", Category.Dispute, Grade.IV,
        "邻里噪音纠纷", "gw-zhang", new DateTimeOffset(2025, 9, 30, 16, 0, 0, TimeSpan.Zero));
    private string _filedJson = "";
    private Type _filedType = typeof(object);

    [GlobalSetup]
    public void Setup()
    {
        _filedJson = JsonSerializer.Serialize(_filed, _filed.GetType(), MessageJson.Options);
        _filedType = MessageJson.ContractType(typeof(IncidentFiled).FullName!);
    }

    [Benchmark(Description = "RoutingPolicy.Decide")]
    public RoutingDecision Decide() => _policy.Decide(Category.Dispute, Grade.IV);

    /// <summary>What the Router evaluates in memory for a case: decision, handling unit, clocks.</summary>
    [Benchmark(Description = "policy evaluation (decide + unit + clocks)")]
    public ClockTimes Evaluate()
    {
        var decision = _policy.Decide(Category.Petition, Grade.III);
        _ = EscalationLadder.HandlingUnit(_chain, decision.Tier);
        return AssignmentClock.Start(_policy, _calendar, _policy.ClockFor(Category.Petition, Grade.III), decision.Tier, _now, decision.Deadline);
    }

    [Benchmark(Description = "WorkingCalendar.DueAt (3 working days)")]
    public DateTimeOffset DueAt() => _calendar.DueAt(_now, TimeSpan.FromDays(3), DeadlineClock.Working);

    [Benchmark(Description = "clocks on the working calendar")]
    public ClockTimes WorkingClocks() => AssignmentClock.Start(_workingPolicy, _calendar, _workingPolicy.Clock, Tier.Village, _now, TimeSpan.FromDays(3));

    [Benchmark(Description = "IncidentFiled → outbox JSON")]
    public string Serialize() => JsonSerializer.Serialize(_filed, _filed.GetType(), MessageJson.Options);

    [Benchmark(Description = "outbox JSON → IncidentFiled (relay)")]
    public object Deserialize() => JsonSerializer.Deserialize(_filedJson, _filedType, MessageJson.Options)!;
}

public static class Micro
{
    public static void Run(Report report, Options o)
    {
        // ShortRun (3 warm-ups, 3 iterations) in this process: the whole command stays short, and no
        // project is generated and built. Enough to see orders of magnitude and allocations.
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(new StandardErrorLogger())
            .WithArtifactsPath(Path.Combine(o.WorkDir, "benchmarkdotnet"))
            .WithOption(ConfigOptions.DisableLogFile, true);
        var summary = BenchmarkRunner.Run<HotPaths>(config);
        foreach (var r in summary.Reports)
        {
            var name = r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            var allocated = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase);
            report.Add("micro (BenchmarkDotNet ShortRun)", name, r.ResultStatistics?.Mean ?? double.NaN, "ns/op",
                allocated is null ? null : $"{allocated} B allocated/op");
        }
    }

    /// <summary>BenchmarkDotNet's progress goes to standard error; standard output keeps the table.</summary>
    private sealed class StandardErrorLogger : ILogger
    {
        public string Id => nameof(StandardErrorLogger);
        public int Priority => 0;
        public void Write(LogKind logKind, string text) => Console.Error.Write(text);
        public void WriteLine() => Console.Error.WriteLine();
        public void WriteLine(LogKind logKind, string text) => Console.Error.WriteLine(text);
        public void Flush() => Console.Error.Flush();
    }
}
