using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Governance.Benchmarks;

/// <summary>A filing sent and what came back.</summary>
public readonly record struct Filed(Guid Id, long SentAtMs, double HttpMs);

/// <summary>
/// Files cases over HTTP (POST /incidents) on loopback, spread over the given courtyards, as a grid
/// worker's client would: JSON bodies, one HttpClient over a SocketsHttpHandler. Every loop is bounded
/// by a count and a time.
/// </summary>
public sealed class Filer : IDisposable
{
    private readonly HttpClient _http;
    private readonly byte[][] _bodies;
    private readonly Uri[] _incidents;
    private readonly AuthenticationHeaderValue[] _tokens;
    private long _next;

    /// <summary>Why filings failed, by reason (status code or exception), for the report.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, long> Failures { get; } = new();

    public string FailureSummary() => Failures.IsEmpty ? "none"
        : string.Join(", ", Failures.OrderByDescending(f => f.Value).Take(4).Select(f => $"{f.Value}× {f.Key}"));

    private void Fail(string reason) => Failures.AddOrUpdate(reason.Length > 120 ? reason[..120] : reason, 1, (_, n) => n + 1);

    public Filer(Uri service, IReadOnlyList<string> courtyards, int connections) : this([service], courtyards, connections) { }

    /// <summary>Files at each of <paramref name="services"/> in turn (several instances of Incidents: the scale-out run).</summary>
    public Filer(IReadOnlyList<Uri> services, IReadOnlyList<string> courtyards, int connections)
    {
        if (services.Any(s => s.Host is not ("127.0.0.1" or "localhost"))) throw new ArgumentException("The benchmark only sends to loopback", nameof(services));
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        _tokens = Token.GridWorkerTokens(Grids.Model.DemoCounty.CountyCode).Select(t => new AuthenticationHeaderValue("Bearer", t)).ToArray();
        _incidents = services.Select(service => new Uri(service, "/incidents")).ToArray();
        _bodies = courtyards.Select(code => Encoding.UTF8.GetBytes(
            $$"""{"unitCode":"{{code}}","category":"dispute","grade":"IV","title":"t","description":"d"}""")).ToArray();
    }

    /// <summary>Files one case; its id, or null when the answer was not 201.</summary>
    public async Task<Filed?> FileAsync()
    {
        var next = Interlocked.Increment(ref _next);
        using var content = new ByteArrayContent(_bodies[(int)(next % _bodies.Length)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, _incidents[next % _incidents.Length]) { Content = content };
        request.Headers.Authorization = _tokens[(int)(next % _tokens.Length)];
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is not { } location)
            {
                Fail($"HTTP {(int)response.StatusCode}");
                return null;
            }
            var path = location.OriginalString;
            return Guid.TryParse(path[(path.LastIndexOf('/') + 1)..], out var id) ? new Filed(id, sentAt, watch.Elapsed.TotalMilliseconds) : null;
        }
        catch (HttpRequestException e) { Fail($"{e.GetType().Name}: {e.Message}"); return null; }
        catch (TaskCanceledException) { Fail("timed out after 30 s"); return null; }
    }

    public sealed class ClosedLoopResult
    {
        public long Ok;
        public long Failed;
        public readonly List<double> HttpMs = [];
    }

    /// <summary>Closed loop: <paramref name="workers"/> each file, wait for the answer, file again —
    /// until <paramref name="duration"/> passed or <paramref name="maxCases"/> were sent.</summary>
    public async Task<ClosedLoopResult> ClosedLoopAsync(int workers, TimeSpan duration, long maxCases, CancellationToken stop = default)
    {
        var result = new ClosedLoopResult();
        Failures.Clear();
        var sent = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (watch.Elapsed < duration && !stop.IsCancellationRequested && Interlocked.Increment(ref sent) <= maxCases)
            {
                if (await FileAsync() is { } filed)
                {
                    Interlocked.Increment(ref result.Ok);
                    latencies.Add(filed.HttpMs);
                }
                else
                {
                    Interlocked.Increment(ref result.Failed);
                }
            }
            lock (result.HttpMs) result.HttpMs.AddRange(latencies);
        })));
        return result;
    }

    /// <summary>Open loop: a filing starts every 1/<paramref name="perSecond"/> s on schedule, whether or
    /// not earlier ones have been answered (at most <paramref name="maxInFlight"/> outstanding).</summary>
    public async Task<(List<Filed> Filed, long Failed, long Late)> OpenLoopAsync(double perSecond, TimeSpan duration, int maxInFlight)
    {
        var count = (int)(perSecond * duration.TotalSeconds);
        Failures.Clear();
        var filed = new List<Filed>(count);
        var failed = 0L;
        var late = 0L;
        using var inFlight = new SemaphoreSlim(maxInFlight);
        var tasks = new List<Task>(count);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - watch.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            if (watch.Elapsed - due > TimeSpan.FromMilliseconds(50)) late++;
            if (!await inFlight.WaitAsync(TimeSpan.FromSeconds(30))) { failed++; continue; }
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    if (await FileAsync() is { } f) { lock (filed) filed.Add(f); }
                    else Interlocked.Increment(ref failed);
                }
                finally { inFlight.Release(); }
            }));
        }
        await Task.WhenAll(tasks);
        return (filed, failed, late);
    }

    public void Dispose() => _http.Dispose();
}

public static class Percentile
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
