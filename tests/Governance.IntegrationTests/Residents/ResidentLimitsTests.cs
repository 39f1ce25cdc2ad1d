using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.Residents;

/// <summary>
/// The public page's limits: a code expires (the service's clock moved, not a sleep); codes and filings are limited
/// per phone (by its keyed hash) and requests per client address, each a 429 problem. Its own host: the clock and
/// the limits are the host's.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ResidentLimitsTests
{
    private const int Permits = 12;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ResidentHarness _h = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _h = await ResidentHarness.StartAsync(_time, new Dictionary<string, string>
    {
        ["Incidents:Residents:CodesPerPhonePerHour"] = "2",
        ["Incidents:Residents:FilingsPerPhonePerDay"] = "1",
        ["Incidents:Residents:PermitsPerMinute"] = Permits.ToString(CultureInfo.InvariantCulture),
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task An_expired_code_is_refused_and_a_phone_is_limited_in_codes_and_filings()
    {
        var key = await _h.CourtyardKeyAsync();
        const string phone = "13600000001";
        var code = await _h.CodeAsync(key, phone);
        _time.Advance(TimeSpan.FromMinutes(11));
        var expired = await _h.FileAsync(key, phone, code);
        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await expired.Content.ReadAsStringAsync(), Does.Contain("过期"));

        code = await _h.CodeAsync(key, phone);
        var third = await _h.SendAsync(HttpMethod.Post, "/incidents/resident/code", new { phone }, key);
        Assert.That(third.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That(await third.Content.ReadAsStringAsync(), Does.Contain("\"limit\":\"codes-per-phone\""));
        Assert.That((await _h.FileAsync(key, phone, code)).StatusCode, Is.EqualTo(HttpStatusCode.Created), "the last code still files");

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var afterFiling = await _h.SendAsync(HttpMethod.Post, "/incidents/resident/code", new { phone = "+86 136-0000-0001" }, key);
        Assert.That(afterFiling.StatusCode, Is.EqualTo((HttpStatusCode)429), "the same phone written otherwise");
        Assert.That(await afterFiling.Content.ReadAsStringAsync(), Does.Contain("\"limit\":\"filings-per-phone\""));
    }

    [Test]
    [DependsOnTest(nameof(An_expired_code_is_refused_and_a_phone_is_limited_in_codes_and_filings), AllowFailure = true)]
    public async Task The_public_page_is_rate_limited_per_address()
    {
        var statuses = new List<HttpStatusCode>();
        // Bounded: twice the limit and one, so one minute's window sees more than the limit even if it turns once.
        for (var i = 0; i < 2 * Permits + 1; i++)
            statuses.Add((await _h.SendAsync(HttpMethod.Get, "/incidents/resident/courtyard", null, "500101001001001001." + new string('B', 22))).StatusCode);
        Assert.That(statuses, Has.Member((HttpStatusCode)429));
        Assert.That(statuses.Take(statuses.IndexOf((HttpStatusCode)429)), Is.All.EqualTo(HttpStatusCode.NotFound));
    }
}
