namespace Governance.Benchmarks;

/// <summary>
/// CPU time of every process on the machine from /proc, grouped (each service, the load generator,
/// PostgreSQL, RabbitMQ, everything else), so a run shows where the two cores went.
/// </summary>
public sealed class CpuSnapshot
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<int, (string Comm, long Ticks)> _processes;
    private readonly DateTime _at;

    private CpuSnapshot(Dictionary<int, (string, long)> processes, DateTime at)
    {
        _processes = processes;
        _at = at;
    }

    public static CpuSnapshot Take()
    {
        var processes = new Dictionary<int, (string, long)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var comm = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // After "pid (comm) ": state is field 0, utime 11, stime 12.
                // PostgreSQL serves every database on the machine: only the backends of the benchmark's
                // own databases (their process title names the database) count as its PostgreSQL.
                if (comm == "postgres" && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(" bench_")) comm = "postgres-bench";
                processes[pid] = (comm, long.Parse(fields[11]) + long.Parse(fields[12]));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return new CpuSnapshot(processes, DateTime.UtcNow);
    }

    /// <summary>Cores used per group between <paramref name="before"/> and this snapshot.</summary>
    public IReadOnlyList<(string Group, double Cores)> Since(CpuSnapshot before, IReadOnlyDictionary<int, string> named)
    {
        var seconds = (_at - before._at).TotalSeconds;
        var groups = new Dictionary<string, double>();
        foreach (var (pid, (comm, ticks)) in _processes)
        {
            var earlier = before._processes.TryGetValue(pid, out var b) && (b.Comm == comm || b.Comm.StartsWith("postgres")) ? b.Ticks : 0;
            var used = (ticks - earlier) / TicksPerSecond;
            if (used <= 0) continue;
            var group = named.TryGetValue(pid, out var name) ? name
                : comm == "postgres-bench" ? "postgresql (benchmark's databases)"
                : comm == "postgres" ? "other (postgresql: other databases, WAL writer, checkpointer)"
                : comm is "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost" ? "rabbitmq"
                : "other";
            groups[group] = groups.GetValueOrDefault(group) + used / seconds;
        }
        return groups.OrderByDescending(g => g.Value).Select(g => (g.Key, g.Value)).ToList();
    }
}
