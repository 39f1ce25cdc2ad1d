using System.Diagnostics;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace Governance.Benchmarks;

/// <summary>
/// Where a service's CPU goes (issue #19: "say which statement or lock is the wall, with the measurement").
/// dotnet-trace's collect-linux samples a process's stacks on CPU (kernel perf events, so time in the kernel's
/// TCP stack and the runtime's native code is seen too), and each sample is put in the share of the library
/// whose frame is nearest the leaf: a socket send made by Npgsql is the database driver's, one made by
/// MassTransit's transport is messaging's. Samples with no library or service frame are the runtime's own
/// (GC, the thread pool's spinning, JIT).
/// </summary>
public static class CpuProfile
{
    /// <summary>Where deploy/benchmark.sh put dotnet-trace (it installs it when --profile is given).</summary>
    public const string ToolVariable = "GOVERNANCE_DOTNET_TRACE";

    private static readonly (string Frame, string Share)[] Libraries =
    [
        ("npgsql!", "database driver (Npgsql, Dapper)"), ("dapper!", "database driver (Npgsql, Dapper)"),
        ("masstransit", "messaging (MassTransit, RabbitMQ.Client)"), ("rabbitmq.client!", "messaging (MassTransit, RabbitMQ.Client)"),
        ("microsoft.aspnetcore", "HTTP server (Kestrel, ASP.NET Core)"),
        ("system.text.json!", "JSON"),
        ("opentelemetry", "tracing and metrics"), ("system.diagnostics.diagnosticsource!", "tracing and metrics"),
        ("governance.benchmarks!", "the benchmark's probe (Probe.cs)"), ("governance.", "our code"),
    ];

    // Looked for only when no library above is on the stack: sockets are how every library above talks.
    private static readonly (string Frame, string Share)[] Fallbacks =
    [
        ("system.net.", "sockets (no library above)"),
        ("libclrjit", "runtime: JIT"),
        ("sched_yield", "runtime: thread pool spinning"), ("LowLevelLifoSemaphore", "runtime: thread pool spinning"),
    ];

    /// <summary>Samples the processes' CPU for <paramref name="length"/>, all at once; the trace files' paths by name.</summary>
    public static async Task<Dictionary<string, string>> RecordAsync(string tool, IEnumerable<ServiceProcess> processes, TimeSpan length, string directory)
    {
        var runs = processes.Select(p =>
        {
            var file = Path.Combine(directory, $"{p.Name}.nettrace");
            File.Delete(file);
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
            foreach (var a in new[] { "collect-linux", "-p", p.Pid.ToString(), "--profile", "cpu-sampling", "--duration", $"00:00:00:{(int)length.TotalSeconds:00}", "-o", file })
                start.ArgumentList.Add(a);
            var run = Process.Start(start)!;
            return (p.Name, file, run, Output: Task.WhenAll(run.StandardOutput.ReadToEndAsync(), run.StandardError.ReadToEndAsync()));
        }).ToList();
        var traces = new Dictionary<string, string>();
        foreach (var (name, file, run, output) in runs)
        {
            using var limit = new CancellationTokenSource(length + TimeSpan.FromSeconds(90));
            try
            {
                await run.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                run.Kill(entireProcessTree: true);
            }
            var text = string.Concat(await output);
            if (run.HasExited && run.ExitCode == 0 && File.Exists(file)) traces[name] = file;
            else Log.Info($"profile: no trace of {name} (dotnet-trace: {text.Trim().Split('\n').LastOrDefault()}); collect-linux needs root or CAP_PERFMON");
        }
        return traces;
    }

    /// <summary>The shares of a trace's CPU samples, largest first, and our own code's busiest frames.</summary>
    public static (int Samples, List<(string Share, double Fraction)> Shares, List<(string Frame, double Fraction)> OurFrames) Read(string trace)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(trace);
        try
        {
            using var log = new TraceLog(etlx);
            var shares = new Dictionary<string, int>();
            var ours = new Dictionary<string, int>();
            var samples = 0;
            foreach (var sample in log.Events)
            {
                if (sample.EventName != "cpu" || sample.CallStack() is not { } stack) continue;
                var frames = new List<string>();
                for (var s = stack; s is not null; s = s.Caller) frames.Add(s.CodeAddress.ModuleName + "!" + s.CodeAddress.FullMethodName);
                samples++;
                var (share, frame) = Classify(frames);
                shares[share] = shares.GetValueOrDefault(share) + 1;
                if (share == "our code") ours[frame!] = ours.GetValueOrDefault(frame!) + 1;
            }
            double Of(int n) => samples == 0 ? 0 : (double)n / samples;
            return (samples,
                shares.OrderByDescending(s => s.Value).Select(s => (s.Key, Of(s.Value))).ToList(),
                ours.OrderByDescending(s => s.Value).Take(5).Select(s => (s.Key, Of(s.Value))).ToList());
        }
        finally
        {
            File.Delete(etlx);
        }
    }

    /// <summary>The share a stack (leaf first) belongs to, and for our code the method (without its signature).</summary>
    public static (string Share, string? Frame) Classify(IReadOnlyList<string> frames)
    {
        foreach (var candidates in new[] { Libraries, Fallbacks })
            foreach (var frame in frames)
                foreach (var (key, share) in candidates)
                    if (frame.Contains(key, StringComparison.OrdinalIgnoreCase))
                        return (share, share == "our code" ? Method(frame) : null);
        return ("runtime: other (GC, allocation, stubs, kernel)", null);
    }

    private static string Method(string frame)
    {
        var bang = frame.IndexOf('!');
        var paren = frame.IndexOf('(');
        return frame[(bang + 1)..(paren > bang ? paren : frame.Length)];
    }
}
