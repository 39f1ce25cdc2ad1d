using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// One service as its own operating-system process: `dotnet Governance.Host.dll` with environment
/// configuration, exactly as deploy/run-distributed.sh starts it, or the gateway in front of them
/// (`dotnet Governance.Gateway.dll`, <see cref="StartGateway"/>). Output is kept for the test log.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public string Name { get; }
    public Uri Address { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    private HostProcess(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    /// <param name="port">Where it listens; by default a free port. A service restarted at the port it had
    /// is found again by a gateway that lists it.</param>
    public static HostProcess Start(string service, IDictionary<string, string> settings, int? port = null) =>
        Start(service, Path.Combine(AppContext.BaseDirectory, "Governance.Host.dll"),
            new Dictionary<string, string>(settings) { ["Governance:Services"] = service }, port: port);

    /// <summary>The YARP gateway (services/Gateway) from its own build output, where its
    /// appsettings.json (routes) and wwwroot/ (pages, if built) are; <paramref name="settings"/> point
    /// its clusters at the services (ReverseProxy:Clusters:grids:Destinations:d1:Address …).</summary>
    public static HostProcess StartGateway(IDictionary<string, string> settings) => Start("gateway", GatewayDll, settings);

    /// <summary>Recorded by the build of the test project (tests/GatewayDll.targets, imported by the
    /// integration and fault tests); other projects linking this file have no gateway.</summary>
    public static string GatewayDll =>
        typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "GatewayDll")?.Value is { Length: > 0 } dll
            ? dll
            : throw new InvalidOperationException($"{typeof(HostProcess).Assembly.GetName().Name} was built without the gateway (no GatewayDll metadata).");

    /// <summary>Like <see cref="Start(string, IDictionary{string, string})"/> (or the gateway), its address given by
    /// ASPNETCORE_URLS instead of --urls, as an operator's environment gives it.</summary>
    public static HostProcess StartWithUrlsFromEnvironment(string service, IDictionary<string, string> settings) =>
        service == "gateway"
            ? Start("gateway", GatewayDll, settings, urlsFromEnvironment: true)
            : Start(service, Path.Combine(AppContext.BaseDirectory, "Governance.Host.dll"),
                new Dictionary<string, string>(settings) { ["Governance:Services"] = service }, urlsFromEnvironment: true);

    private static HostProcess Start(string name, string dll, IDictionary<string, string> settings, bool urlsFromEnvironment = false, int? port = null)
    {
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root, where appsettings.json is read from.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        if (urlsFromEnvironment) start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        else start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = start };
        var host = new HostProcess(name, process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public async Task WaitReadyAsync(HttpClient http, TimeSpan limit) =>
        await Eventually.GetAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            try { return (int?)(await http.GetAsync(new Uri(Address, "/health/ready"))).StatusCode; }
            catch (HttpRequestException) { return null; }
        }, status => status == 200, limit, $"{Name} to be ready");

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>A loopback port nothing listens on now (one nobody starts on is a dead instance's address).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The operating-system process id (to send it a signal).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process ended (137: SIGKILL, 143: SIGTERM), else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Waits at most <paramref name="limit"/> for the process to end by itself; false if it is still running.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var wait = new CancellationTokenSource(limit);
        try { await _process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { }
        return _process.HasExited;
    }

    /// <summary>SIGTERM, as a service manager stops it (the host's graceful stop), then waits at most
    /// <paramref name="limit"/>; false if it is still running then.</summary>
    public async Task<bool> TerminateAsync(TimeSpan limit)
    {
        if (_process.HasExited) return true;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(limit);
        try { await _process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { }
        return _process.HasExited;
    }

    /// <summary>Ends the process at once with SIGKILL, as a crash or the OOM killer would: no
    /// shutdown code runs. <see cref="Output"/> stays readable afterwards.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        // The Host starts no processes of its own: SIGKILL to it alone. Walking a process tree races with
        // the process's own exit, and a teardown that throws fails the whole run (tests/report-failures.sh).
        try { _process.Kill(); }
        catch (InvalidOperationException) { } // it exited in between
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
