using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Governance.Benchmarks;

/// <summary>
/// One Governance.Host process, started the way deploy/run-distributed.sh starts it, its output in a
/// log file. Its peak memory is read from /proc (VmHWM: the most resident memory it ever had).
/// Disposing kills it (and anything it started).
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public string Name { get; }
    public Uri Address { get; }
    public int Pid => _process.Id;
    public string? ProbeFile { get; }

    private ServiceProcess(string name, Process process, Uri address, StreamWriter log, string? probeFile)
    {
        Name = name;
        _process = process;
        Address = address;
        _log = log;
        ProbeFile = probeFile;
    }

    /// <param name="workingDirectory">Where relative paths (standalone's data/*.db) are taken from.</param>
    public static ServiceProcess Start(string name, string hostDll, string workingDirectory, string logDirectory,
        IReadOnlyDictionary<string, string> settings, bool probe)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["DOTNET_NOLOGO"] = "1";
        string? probeFile = null;
        if (probe)
        {
            // The probe (Probe.cs) is loaded into the service as a .NET startup hook: it counts the
            // database commands the process sends, without a line of the service's code changed.
            probeFile = Path.Combine(logDirectory, $"{name}.probe.json");
            File.Delete(probeFile);
            start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(ServiceProcess).Assembly.Location;
            start.Environment[Probe.FileVariable] = probeFile;
        }

        var log = new StreamWriter(Path.Combine(logDirectory, $"{name}.log")) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Log.Info($"started {name} (pid {process.Id}) on http://127.0.0.1:{port}");
        return new ServiceProcess(name, process, new Uri($"http://127.0.0.1:{port}"), log, probeFile);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    public async Task WaitReadyAsync(HttpClient http, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}; see its log");
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health/ready"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} was not ready within {limit.TotalSeconds} s");
            await Task.Delay(250);
        }
    }

    /// <summary>Peak resident memory (VmHWM) in MB, or NaN once the process is gone.</summary>
    public double PeakRssMb() => ReadStatusKb("VmHWM") / 1024.0;

    public double RssMb() => ReadStatusKb("VmRSS") / 1024.0;

    private double ReadStatusKb(string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith(key + ":"))
                    return double.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0]);
        }
        catch (IOException) { }
        return double.NaN;
    }

    /// <summary>CPU time the process used so far (user + system), in seconds.</summary>
    public double CpuSeconds()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
        catch (InvalidOperationException) { return double.NaN; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(15_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
