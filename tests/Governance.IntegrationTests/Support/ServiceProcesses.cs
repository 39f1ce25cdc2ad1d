namespace Governance.IntegrationTests.Support;

/// <summary>
/// Grids, Incidents and Dispatch each as its own process, started the way deploy/run-distributed.sh
/// starts them (Grids first: the others ask it for the unit tree), plus any process a test adds (the
/// gateway, a restarted service). All are stopped together; when a test failed, their output is
/// printed to the test log, since that is where the reason usually is.
/// </summary>
public sealed class ServiceProcesses : IDisposable
{
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly List<HostProcess> _all = [];
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(30) };

    public HostProcess Grids { get; private set; } = null!;
    public HostProcess Incidents { get; private set; } = null!;
    public HostProcess Dispatch { get; private set; } = null!;

    public static async Task<ServiceProcesses> StartAsync(IDictionary<string, string> settings)
    {
        var processes = new ServiceProcesses();
        try
        {
            processes.Grids = await processes.StartReadyAsync(HostProcess.Start("grids", settings));
            var incidents = processes.Add(HostProcess.Start("incidents", settings));
            processes.Dispatch = await processes.StartReadyAsync(HostProcess.Start("dispatch", settings), alsoStarting: [incidents]);
            processes.Incidents = incidents;
            return processes;
        }
        catch
        {
            // A process that did not come up: its output says why, and none may outlive the fixture.
            foreach (var p in processes._all) TestContext.Out.WriteLine($"===== {p.Name} =====\n{p.Output}");
            processes.Dispose();
            throw;
        }
    }

    /// <summary>Keeps a process with the others (stopped and logged with them) and waits until it is ready.</summary>
    public async Task<HostProcess> StartReadyAsync(HostProcess process, IReadOnlyList<HostProcess>? alsoStarting = null)
    {
        Add(process);
        foreach (var other in alsoStarting ?? []) await other.WaitReadyAsync(_probe, StartLimit);
        await process.WaitReadyAsync(_probe, StartLimit);
        return process;
    }

    private HostProcess Add(HostProcess process)
    {
        _all.Add(process);
        return process;
    }

    public void Dispose()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
            foreach (var p in _all) TestContext.Out.WriteLine($"===== {p.Name} =====\n{p.Output}");
        foreach (var p in _all) p.Dispose();
        _probe.Dispose();
    }
}
