using System.Net;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.ReturnVisits;

/// <summary>
/// A link stops answering when it expires (the service's clock moved, not a sleep), and the public page is
/// rate-limited per client address. Its own host: the clock and the limit are the host's.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReturnVisitLimitsTests
{
    private const int Permits = 8;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ReturnVisitHarness _h = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _h = await ReturnVisitHarness.StartAsync(_time, new Dictionary<string, string>
    {
        ["Incidents:ReturnVisits:Expiry"] = "2.00:00:00",
        ["Incidents:ReturnVisits:PermitsPerMinute"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task A_link_answers_until_it_expires_and_then_is_gone()
    {
        var id = await _h.FileAsync();
        var texts = _h.Sms.Requests.Count;
        await _h.ResolveAsync(id);
        var (_, token) = await _h.TextAsync(texts, "the text");
        Assert.That((await _h.ReadAsync(token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var expired = await _h.AnswerAsync(token, new { satisfaction = "satisfied" });
        var body = await expired.Content.ReadAsStringAsync();
        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Gone), body);
        Assert.That(body, Does.Contain("过期").And.Contain("\"reason\":\"expired\""));
    }

    [Test]
    [DependsOnTest(nameof(A_link_answers_until_it_expires_and_then_is_gone), AllowFailure = true)]
    public async Task The_public_page_is_rate_limited_per_address()
    {
        var statuses = new List<HttpStatusCode>();
        // Bounded: twice the limit and one, so that even if the minute's window turns once during the loop,
        // one window sees more than the limit (the first test's calls may have used some permits already).
        for (var i = 0; i < 2 * Permits + 1; i++) statuses.Add((await _h.ReadAsync(new string('B', 32))).StatusCode);
        Assert.That(statuses, Has.Member(HttpStatusCode.TooManyRequests));
        Assert.That(statuses.Take(statuses.IndexOf(HttpStatusCode.TooManyRequests)), Is.All.EqualTo(HttpStatusCode.NotFound));
    }
}
