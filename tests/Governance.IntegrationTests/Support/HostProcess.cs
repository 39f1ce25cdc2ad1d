using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// One service as its own operating-system process: `dotnet Governance.Host.dll` with environment
/// configuration, exactly as deploy/run-distributed.sh starts it. Output is kept for the test log.
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

    public static HostProcess Start(string service, IDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Governance.Host.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["Governance__Services"] = service;
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = start };
        var host = new HostProcess(service, process, new Uri($"http://127.0.0.1:{port}"));
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

    private static int FreePort()
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

    /// <summary>Ends the process at once with SIGKILL, as a crash or the OOM killer would: no
    /// shutdown code runs. <see cref="Output"/> stays readable afterwards.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
