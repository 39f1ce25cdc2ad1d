using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Every text and date bounded (issue #13): mediation dates within a day before filing and a year
/// ahead; names and agreements that fit where they are stored (SQLite does not enforce a column's
/// length, PostgreSQL and SQL Server fail the statement: a 500 there); people's and places' dates from
/// 2000 to 2099; lists no longer than what they can hold; filters no longer than a code. Each refusal is
/// a 400 naming the field.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BoundsTests : StandaloneFixture
{
    // A village of township 2, away from the courtyards other fixtures file at.
    private const string Courtyard = "500101002002001001";

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"names {field}: {body}");
        return problem;
    }

    /// <summary>A dispute routed to the village, ready for mediation.</summary>
    private async Task<(Guid Id, DateTimeOffset FiledAt)> DisputeAtVillageAsync()
    {
        var filed = await Http.PostAsJsonAsync("/incidents", new { unitCode = Courtyard, category = "dispute", grade = "IV", title = "宅基地纠纷", description = "两家争执" });
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var body = await filed.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        await Eventually.GetAsync(() => Host.IncidentAsync(id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
        return (id, body.GetProperty("filedAt").GetDateTimeOffset());
    }

    [Test]
    public async Task Mediation_is_scheduled_between_a_day_before_filing_and_a_year_ahead()
    {
        var (id, filedAt) = await DisputeAtVillageAsync();
        object Session(object scheduledAt) => new { mediators = new[] { "乡贤 陈德华" }, parties = new[] { "张家", "刘家" }, scheduledAt };
        foreach (var bad in new object[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", filedAt.AddDays(-2), DateTimeOffset.UtcNow.AddDays(400) })
        {
            using var refused = await Http.PostAsJsonAsync($"/incidents/{id}/mediations", Session(bad));
            await AssertProblemAsync(refused, "scheduledAt");
        }
        Assert.That((await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}/mediations")).GetArrayLength(), Is.Zero, "nothing stored");

        foreach (var good in new[] { filedAt.AddHours(-20), DateTimeOffset.UtcNow.AddDays(300) })
        {
            using var scheduled = await Http.PostAsJsonAsync($"/incidents/{id}/mediations", Session(good));
            Assert.That(scheduled.StatusCode, Is.EqualTo(HttpStatusCode.Created), await scheduled.Content.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task Mediators_and_parties_fit_their_column_and_an_agreement_fits_the_resolution_note()
    {
        var (id, _) = await DisputeAtVillageAsync();
        // Ten people of 100 Chinese characters each: every name is allowed, the list is longer than its column.
        var names = Enumerable.Range(0, 10).Select(i => $"{i}{new string('陈', 99)}").ToArray();
        using var tooMany = await Http.PostAsJsonAsync($"/incidents/{id}/mediations",
            new { mediators = names, parties = new[] { "张家" }, scheduledAt = DateTimeOffset.UtcNow.AddDays(1) });
        await AssertProblemAsync(tooMany, "mediators");

        // Five such names fit, stored as they are (not as \u escapes, six characters each), and read back whole.
        using var fits = await Http.PostAsJsonAsync($"/incidents/{id}/mediations",
            new { mediators = names[..5], parties = new[] { "张家", "刘家" }, scheduledAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.That(fits.StatusCode, Is.EqualTo(HttpStatusCode.Created), await fits.Content.ReadAsStringAsync());
        var session = await fits.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(session.GetProperty("mediators").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(names[..5]));

        using var longAgreement = await Http.PostAsJsonAsync($"/incidents/{id}/mediations/{session.GetProperty("id").GetGuid()}/outcome",
            new { reached = true, agreement = new string('约', 3995) });
        await AssertProblemAsync(longAgreement, "agreement");
    }

    [TestCase("0001-01-01T00:00:00Z")]
    [TestCase("9999-12-31T00:00:00Z")]
    [TestCase("1999-12-31T23:59:59Z")]
    public async Task Dates_of_people_and_places_outside_2000_to_2099_are_refused(string moment)
    {
        using var staff = await Http.PostAsJsonAsync("/grids/staff", new
        {
            name = "王五", role = "grid-worker-full-time", unitCode = "500101002002001", dutyFrom = moment,
        });
        await AssertProblemAsync(staff, "dutyFrom");
        using var duty = await Http.GetAsync($"/grids/units/500101002002001/duty?at={Uri.EscapeDataString(moment)}");
        await AssertProblemAsync(duty, "at");
    }

    [Test]
    public async Task Dates_of_the_dashboard_and_of_Open311_queries_are_from_2000_to_2099()
    {
        await AssertProblemAsync(await Http.GetAsync("/incidents/dashboard/summary?from=0001-01-01&to=0001-01-31"), "from");
        await AssertProblemAsync(await Http.GetAsync("/incidents/dashboard/summary?from=2026-01-01&to=9999-12-31"), "to");
        foreach (var query in new[] { "end_date=0001-01-02T00:00:00Z", "start_date=9999-12-01T00:00:00Z" })
        {
            using var response = await Http.GetAsync($"/open311/v2/requests.json?{query}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Does.Contain(query.Split('=')[0] + " must be between 2000-01-01 and 2099-12-31"));
        }
    }

    [Test]
    public async Task Lists_are_no_longer_than_what_they_can_hold_and_filters_no_longer_than_a_code()
    {
        var days = Enumerable.Range(0, 400).Select(i => new DateOnly(2030, 1, 1).AddDays(i % 365).ToString("yyyy-MM-dd")).ToArray();
        using var calendar = await Http.PutAsJsonAsync("/dispatch/calendar/2030", new { holidays = days, workdays = Array.Empty<string>() });
        await AssertProblemAsync(calendar, "holidays");

        using var department = await Http.PostAsJsonAsync("/grids/departments", new
        {
            unitCode = "500101002000", nameZh = "综合办", nameEn = "Office", categories = Enumerable.Repeat("dispute", 5000).ToArray(),
        });
        await AssertProblemAsync(department, "categories");

        var code = new string('5', 200);
        await AssertProblemAsync(await Http.GetAsync($"/incidents?unitCode={code}"), "unitCode");
        await AssertProblemAsync(await Http.GetAsync($"/grids/units?parentCode={code}"), "parentCode");
        await AssertProblemAsync(await Http.GetAsync($"/grids/staff?unitCode={code}"), "unitCode");
        await AssertProblemAsync(await Http.GetAsync($"/grids/care/subjects?villageCode={code}"), "villageCode");
        await AssertProblemAsync(await Http.GetAsync($"/grids/departments?unitCode={code}"), "unitCode");
    }

    [TestCase("/incidents?limit=abc", "limit", "limit must be a whole number.")]
    [TestCase("/incidents/in-hand?open=maybe", "open", "open must be true or false.")]
    [TestCase("/grids/staff?limit=abc", "limit", "limit must be a whole number.")]
    [TestCase("/grids/units?includeRetired=maybe", "includeRetired", "includeRetired must be true or false.")]
    public async Task A_query_parameter_that_cannot_be_read_is_named_in_words_not_as_the_body(string url, string field, string message)
    {
        // Probe 7: these answered "The request body could not be read." under "body", with .NET type names.
        using var response = await Http.GetAsync(url);
        var problem = await AssertProblemAsync(response, field);
        Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Is.EqualTo(message));
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("A query parameter could not be read."));
    }
}
