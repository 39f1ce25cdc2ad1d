using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Governance.PackageTests;

/// <summary>
/// A published executable started as systemd starts a Type=notify unit, as far as the program can tell:
/// its parent process is named "systemd" (a copy of bash under that name, which is what
/// Microsoft.Extensions.Hosting.Systemd looks at) and NOTIFY_SOCKET names a datagram socket this class
/// listens on. What the program sends there ("READY=1") is what systemd would wait for: a unit whose
/// program never sends it fails its start after TimeoutStartSec. No systemd runs here to do it for real.
/// </summary>
public sealed class UnderSystemd : IDisposable
{
    private readonly Process _parent;
    private readonly Socket _notify;
    private readonly StringBuilder _output = new();

    public Uri Address { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    private UnderSystemd(Process parent, Socket notify, Uri address)
    {
        _parent = parent;
        _notify = notify;
        Address = address;
    }

    /// <param name="folder">A scratch folder for the "systemd" parent and the socket.</param>
    public static UnderSystemd Start(string executable, IDictionary<string, string> environment, string folder)
    {
        var name = Path.GetFileName(executable);
        var parentProgram = Path.Combine(folder, "systemd");
        if (!File.Exists(parentProgram)) File.Copy("/bin/bash", parentProgram);
        var socketPath = Path.Combine(folder, $"{name}.notify");
        File.Delete(socketPath);
        var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        // The program as a child of "systemd" (bash stays its parent while it waits, instead of exec'ing it).
        var start = new ProcessStartInfo(parentProgram)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", "\"$@\" & wait $!", "systemd", executable }) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        start.Environment["HOME"] = folder; // as the unit's user has its home, /var/lib/governance
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["NOTIFY_SOCKET"] = socketPath;

        var parent = new Process { StartInfo = start };
        var started = new UnderSystemd(parent, notify, address);
        parent.OutputDataReceived += (_, e) => started.Append(e.Data);
        parent.ErrorDataReceived += (_, e) => started.Append(e.Data);
        parent.Start();
        parent.BeginOutputReadLine();
        parent.BeginErrorReadLine();
        return started;
    }

    /// <summary>The first notification the program sends (e.g. "READY=1"), or null if none came in time.</summary>
    public async Task<string?> FirstNotificationAsync(TimeSpan limit)
    {
        var buffer = new byte[4096];
        using var wait = new CancellationTokenSource(limit);
        try
        {
            var length = await _notify.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException) { return null; }
    }

    public bool HasExited => _parent.HasExited;

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

    public void Dispose()
    {
        // The parent and the program under it.
        try { _parent.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already gone
        _parent.WaitForExit(10_000);
        _parent.Dispose();
        _notify.Dispose();
    }
}
