using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Governance.IntegrationTests.Support;

namespace Governance.FaultTests.Harness;

/// <summary>One filing: the case id if it was acknowledged (201; or 200, the case a retried key had stored),
/// else the status (0: no answer); when it was sent and when its answer (or its failure) came, on the
/// load's clock; how many requests it took (more than one only for a load that retries) and the first one's status.</summary>
public sealed record FilingAttempt(int Index, int Status, Guid? Id, TimeSpan At, TimeSpan AnsweredAt, int Tries = 1, int FirstStatus = 0);

/// <summary>
/// Files cases over HTTP the way grid workers' phones would: at a steady pace spread over a given
/// time, a few at once, each request once (no retry, so only a 201 counts as filed). A request
/// that fails or times out is recorded, not retried: the case it might have created is simply not
/// counted as "filed" by the scenario.
/// With <c>retry</c>, as the filing page does (docs/offline.md): each filing carries its own
/// Idempotency-Key and is sent again, with the same key, after no answer or a 5xx, a few times;
/// the service answers a key it stored with that case (200), so a filing counts once however often
/// it was sent.
/// </summary>
public sealed class Load
{
    private readonly ConcurrentQueue<FilingAttempt> _attempts = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _created;

    public string Label { get; }
    public int Created => Volatile.Read(ref _created);
    public IReadOnlyList<FilingAttempt> Attempts => _attempts.OrderBy(a => a.Index).ToList();
    public IReadOnlyList<Guid> Filed => _attempts.Where(a => a.Id is not null).Select(a => a.Id!.Value).ToList();
    /// <summary>Filings answered with their case: the ones the scenario counts as filed.</summary>
    public int Acknowledged => _attempts.Count(a => a.Id is not null);
    /// <summary>Filings answered, but not with their case (4xx, 5xx).</summary>
    public int Refused => _attempts.Count(a => a.Id is null && a.Status is not (0 or 201));
    /// <summary>Requests that got no answer, or a 201 whose body did not arrive whole.</summary>
    public int Unanswered => _attempts.Count(a => a.Id is null && a.Status is 0 or 201);

    private readonly bool _retry;
    private readonly int _maxTries;

    private Load(string label, bool retry, int maxTries)
    {
        Label = label;
        _retry = retry;
        _maxTries = maxTries;
    }

    public static object Body(string title, string unitCode = Demo.Courtyard, string category = "facilities", string grade = "IV") => new
    {
        // Inside the demo courtyard (and its village, which a new grid's filings are checked against).
        unitCode, category, grade, title, description = "fault-tolerance test", location = new { lat = 30.52, lng = 108.02 },
    };

    /// <summary>
    /// Starts filing <paramref name="count"/> cases, the i-th at <paramref name="spread"/>·i/count,
    /// at most <paramref name="concurrency"/> at a time, each at the address
    /// <paramref name="address"/> gives for it then (a restarted process has a new one).
    /// </summary>
    public static (Load Load, Task Done) Start(HttpClient http, Func<int, Uri> address, int count, TimeSpan spread,
        int concurrency = 8, string label = "load", Func<int, object>? body = null, bool retry = false, int maxTries = 5)
    {
        var load = new Load(label, retry, maxTries);
        return (load, load.RunAsync(http, address, count, spread, concurrency, body ?? (i => Body($"{label} #{i}"))));
    }

    private async Task RunAsync(HttpClient http, Func<int, Uri> address, int count, TimeSpan spread, int concurrency, Func<int, object> body)
    {
        using var gate = new SemaphoreSlim(concurrency);
        var requests = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = spread * i / count;
            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            await gate.WaitAsync();
            var index = i;
            requests.Add(Task.Run(async () =>
            {
                try { await FileOneAsync(http, address(index), index, body(index)); }
                finally { gate.Release(); }
            }));
        }
        await Task.WhenAll(requests);
    }

    private async Task FileOneAsync(HttpClient http, Uri incidents, int index, object body)
    {
        var at = _clock.Elapsed;
        var key = $"{Label}-{index}-{Guid.NewGuid():N}";
        var (status, id, first) = (0, (Guid?)null, -1);
        for (var tries = 1; ; tries++)
        {
            (status, id) = await SendOnceAsync(http, incidents, body, _retry ? key : null);
            if (first < 0) first = status;
            if (!_retry || id is not null || (status is > 0 and < 500) || tries == _maxTries)
            {
                _attempts.Enqueue(new FilingAttempt(index, status, id, at, _clock.Elapsed, tries, first));
                if (id is not null) Interlocked.Increment(ref _created);
                return;
            }
            await Task.Delay(500 * tries);
        }
    }

    /// <summary>One POST: its status (0: no answer) and the case if it answered 201 (or 200: a key it had stored).</summary>
    private static async Task<(int Status, Guid? Id)> SendOnceAsync(HttpClient http, Uri incidents, object body, string? idempotencyKey)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(incidents, "/incidents")) { Content = JsonContent.Create(body) };
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            var acknowledged = status == 201 || (idempotencyKey is not null && status == 200);
            return (status, acknowledged ? (await response.Content.ReadFromJsonAsync<IncidentJson>())?.Id : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            // No answer, or a 201 whose body did not arrive whole: not counted as filed.
            return (0, null);
        }
    }

    /// <summary>Waits (bounded) until at least <paramref name="created"/> cases were filed; false if
    /// the limit passed first (a slow machine: the scenario injects its fault anyway).</summary>
    public async Task<bool> TryWaitCreatedAsync(int created, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Created < created && DateTime.UtcNow < deadline) await Task.Delay(50);
        return Created >= created;
    }

    /// <summary>Filings acknowledged (201 received) before <paramref name="at"/> on this load's clock.</summary>
    public int AcknowledgedBefore(TimeSpan at) => _attempts.Count(a => a.Id is not null && a.AnsweredAt < at);

    /// <summary>Filings acknowledged at or after <paramref name="at"/> on this load's clock.</summary>
    public int AcknowledgedAfter(TimeSpan at) => _attempts.Count(a => a.Id is not null && a.AnsweredAt >= at);

    /// <summary>"acknowledged=290 refused=4 unanswered=6", and with a fault time, how many were
    /// acknowledged before and after it.</summary>
    public string Figures(TimeSpan? faultAt = null) =>
        $"acknowledged={Acknowledged} refused={Refused} unanswered={Unanswered}" +
        (faultAt is { } at ? $" acknowledged_before_fault={AcknowledgedBefore(at)} acknowledged_after_fault={AcknowledgedAfter(at)}" : "");

    /// <summary>At least <paramref name="minimum"/> filings were acknowledged: the scenario had a load to
    /// lose or double.</summary>
    public void AssertAcknowledgedAtLeast(int minimum) =>
        Assert.That(Acknowledged, Is.GreaterThanOrEqualTo(minimum), $"load {Label}: filings acknowledged ({Figures()})");

    /// <summary>Enough filings were acknowledged, and some of them before the fault struck (at
    /// <paramref name="faultAt"/> on this load's clock) and some after: it landed mid-load.</summary>
    public void AssertFaultLandedMidLoad(TimeSpan faultAt, int minimum) => Assert.Multiple(() =>
    {
        AssertAcknowledgedAtLeast(minimum);
        Assert.That(AcknowledgedBefore(faultAt), Is.GreaterThan(0), $"load {Label}: filings acknowledged before the fault");
        Assert.That(AcknowledgedAfter(faultAt), Is.GreaterThan(0), $"load {Label}: filings acknowledged after the fault struck");
    });

    /// <summary>How many requests got which status so far ("201×120 0×3"; 0: no answer).</summary>
    public string Answers => string.Join(' ', _attempts.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));

    public TimeSpan Elapsed => _clock.Elapsed;
}
