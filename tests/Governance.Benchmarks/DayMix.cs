using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Governance.Benchmarks;

/// <summary>
/// What a county's day costs, not only intake (issue #19, item 4): each case lives its whole life through the
/// API as the pages drive it — filed by a grid worker; his phone looks at it until it is routed; the holder
/// accepts it (签收), opens it, resolves it (办结) and opens it again; a county supervisor verifies it (核查);
/// the holder's work list is read once a case; and every fifth case a command centre's wall screen reads the
/// dashboard (the summary and the units below). Printed: whole lives per second, requests per case, and CPU
/// per case over everything that serves them, to set beside the filing-only figures of the same run.
/// </summary>
public sealed class DayMix(IReadOnlyList<Uri> incidents, IReadOnlyList<string> courtyards, string countyCode) : IDisposable
{
    private const int DashboardEvery = 5;
    private static readonly TimeSpan RoutedWithin = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AuthenticationHeaderValue> _holders = new();
    private readonly AuthenticationHeaderValue _supervisor = new("Bearer", Token.Supervisor(countyCode));
    private readonly AuthenticationHeaderValue[] _filers = Token.GridWorkerTokens(countyCode).Select(t => new AuthenticationHeaderValue("Bearer", t)).ToArray();
    private long _next;
    private long _requests;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _failures = new();

    public sealed record Result(long Lives, long Failed, long Requests, TimeSpan Elapsed, string Failures);

    /// <summary>Closed loop: <paramref name="workers"/> cases at a time, each through its whole life, until
    /// <paramref name="duration"/> passed or <paramref name="maxLives"/> were begun.</summary>
    public async Task<Result> RunAsync(int workers, TimeSpan duration, long maxLives)
    {
        var lives = 0L;
        var failed = 0L;
        var begun = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration && Interlocked.Increment(ref begun) <= maxLives)
            {
                if (await LiveAsync()) Interlocked.Increment(ref lives);
                else Interlocked.Increment(ref failed);
            }
        })));
        return new Result(lives, failed, Interlocked.Read(ref _requests), watch.Elapsed,
            _failures.IsEmpty ? "none" : string.Join(", ", _failures.OrderByDescending(f => f.Value).Take(4).Select(f => $"{f.Value}× {f.Key}")));
    }

    /// <summary>One case from filing to verification; false (and why, counted) at the first step refused.</summary>
    private async Task<bool> LiveAsync()
    {
        var n = Interlocked.Increment(ref _next);
        var service = incidents[(int)(n % incidents.Count)];
        var courtyard = courtyards[(int)(n % courtyards.Count)];
        // A dispute of grade IV is the village's (小事不出村): its handler there holds it. A village's code is the
        // first twelve digits of its courtyards' (DemoCounty's codes).
        var holder = _holders.GetOrAdd(courtyard[..12], village => new AuthenticationHeaderValue("Bearer", Token.VillageHandler(village)));
        var filed = await SendAsync(HttpMethod.Post, new Uri(service, "/incidents"), _filers[n % _filers.Length],
            $$"""{"unitCode":"{{courtyard}}","category":"dispute","grade":"IV","title":"邻里纠纷","description":"两户因院墙位置争执"}""");
        if (filed is not { } created || created.GetProperty("id").GetString() is not { } id) return false;
        var self = new Uri(service, $"/incidents/{id}");

        // The filer's phone shows the case until Dispatch has put it on a holder.
        var until = Stopwatch.StartNew();
        while (true)
        {
            if (await SendAsync(HttpMethod.Get, self, _filers[n % _filers.Length]) is not { } seen) return false;
            if (seen.GetProperty("status").GetString() == "assigned") break;
            if (until.Elapsed > RoutedWithin) return Fail("not routed within 30 s");
            await Task.Delay(100);
        }
        if (await SendAsync(HttpMethod.Post, new Uri(self, $"{self.AbsolutePath}/accept"), holder, "{}") is null) return false;
        if (await SendAsync(HttpMethod.Get, self, holder) is null) return false;
        if (await SendAsync(HttpMethod.Post, new Uri(self, $"{self.AbsolutePath}/resolve"), holder, """{"note":"双方达成调解协议，院墙按原界线重砌"}""") is null) return false;
        if (await SendAsync(HttpMethod.Get, self, holder) is null) return false;
        if (await SendAsync(HttpMethod.Post, new Uri(self, $"{self.AbsolutePath}/verification"), _supervisor,
                """{"result":"solved","satisfaction":"satisfied"}""") is null) return false;
        if (await SendAsync(HttpMethod.Get, new Uri(service, "/incidents/work?limit=20"), holder) is null) return false;
        if (n % DashboardEvery == 0)
        {
            if (await SendAsync(HttpMethod.Get, new Uri(service, "/incidents/dashboard/summary"), _supervisor) is null) return false;
            if (await SendAsync(HttpMethod.Get, new Uri(service, "/incidents/dashboard/children"), _supervisor) is null) return false;
        }
        return true;
    }

    private async Task<JsonElement?> SendAsync(HttpMethod method, Uri url, AuthenticationHeaderValue token, string? json = null)
    {
        if (url.Host is not ("127.0.0.1" or "localhost")) throw new ArgumentException("The benchmark only sends to loopback", nameof(url));
        Interlocked.Increment(ref _requests);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = token;
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                Fail($"{method} {Shape(url)} → {(int)response.StatusCode}");
                return null;
            }
            return body.Length == 0 ? default(JsonElement) : JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (HttpRequestException e) { Fail($"{method} {Shape(url)}: {e.Message}"); return null; }
        catch (TaskCanceledException) { Fail($"{method} {Shape(url)}: timed out"); return null; }
    }

    /// <summary>The path with the case's id left out, so failures count per step.</summary>
    private static string Shape(Uri url) => System.Text.RegularExpressions.Regex.Replace(url.AbsolutePath, "[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");

    private bool Fail(string why)
    {
        _failures.AddOrUpdate(why.Length > 120 ? why[..120] : why, 1, (_, c) => c + 1);
        return false;
    }

    public void Dispose() => _http.Dispose();
}
