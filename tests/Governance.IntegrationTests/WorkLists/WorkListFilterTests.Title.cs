using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Support;
using static Governance.IntegrationTests.Exports.ExportFiles;

namespace Governance.IntegrationTests.WorkLists;

/// <summary>
/// The filters added for issue #15 item 3 ("a case list filters by every field it shows"): q (the title holds the
/// text, letter case aside, SQL's wildcards and quote taken literally), supervised (督办), inHand (包案) and the
/// deadline's days (dueFrom, dueTo) — on the case list, the work list and both exports, on SQLite and PostgreSQL.
/// </summary>
public abstract partial class WorkListFilterTests
{
    private const string Percent = "满意率100%";
    private const string Underscore = "a_b井盖";
    private const string Quote = "O'Brien门牌";
    private const string Backslash = @"C:\路径 标牌";
    private const string Lamp = "Street LAMP故障";
    private static readonly string[] TitleSearchTitles = [Percent, Underscore, Quote, Backslash, Lamp];

    private readonly Dictionary<string, Guid> _byTitle = [];

    /// <summary>The cases GET /incidents lists to the county with this query.</summary>
    private async Task<List<Guid>> ListAsync(string query)
    {
        var (status, body) = await AskAsCountyAsync($"/incidents?limit=1000&{query}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    private async Task<(HttpStatusCode Status, string Body)> AskAsCountyAsync(string url)
    {
        using var response = await Host.Http.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    [Test]
    public async Task The_title_text_is_matched_as_typed_wildcards_and_quotes_included_and_letter_case_aside()
    {
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ListAsync(Q("%")), Is.EqualTo(new[] { _byTitle[Percent] }), "% is a percent sign, not any text");
            Assert.That(await ListAsync(Q("_")), Is.EqualTo(new[] { _byTitle[Underscore] }), "_ is an underscore, not any character");
            Assert.That(await ListAsync(Q("'")), Is.EqualTo(new[] { _byTitle[Quote] }), "a quote is bound, not spliced");
            Assert.That(await ListAsync(Q(@"\")), Is.EqualTo(new[] { _byTitle[Backslash] }), "the escape character itself");
            Assert.That(await ListAsync(Q("lamp")), Is.EqualTo(new[] { _byTitle[Lamp] }), "letter case aside");
            Assert.That(await ListAsync(Q("  street Lamp ")), Is.EqualTo(new[] { _byTitle[Lamp] }), "trimmed");
            Assert.That(await ListAsync(Q("井盖")), Is.EquivalentTo(new[] { _byTitle[Underscore], _other }), "a part of the title");
            Assert.That(await ListAsync(Q("井盖") + "&category=other"), Is.EqualTo(new[] { _other }), "with the other filters");
        });

        // The grid worker's work list and both exports take it too.
        Assert.That(Ids((await BucketAsync("/incidents/work?" + Q("LAMP")))!.Value), Is.EqualTo(new[] { _byTitle[Lamp] }));
        Assert.That(Ids((await BucketAsync("/incidents/work?" + Q("%")))!.Value), Is.EqualTo(new[] { _byTitle[Percent] }));
        var work = await GetAsync(Host.Http, $"/incidents/work/export?format=csv&{Q("_")}", GridWorker);
        Assert.That(work.Rows.Select(r => r.Text("编号 ID")), Is.EqualTo(new[] { _byTitle[Underscore].ToString() }));
        var list = await GetAsync(Host.Http, $"/incidents/export?format=xlsx&{Q("'")}");
        Assert.That(list.Rows.Select(r => r.Text("编号 ID")), Is.EqualTo(new[] { _byTitle[Quote].ToString() }));
    }

    [Test]
    public async Task A_title_text_too_long_or_a_due_range_backwards_is_refused_by_name()
    {
        var tooLong = Q(new string('井', 101));
        foreach (var url in new[] { $"/incidents?{tooLong}", $"/incidents/export?format=csv&{tooLong}" })
        {
            var (status, body) = await AskAsCountyAsync(url);
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("q")[0].GetString(), Does.Contain("100"), url);
        }
        var (work, problem) = await AskAsync($"/incidents/work?{tooLong}");
        Assert.That(work, Is.EqualTo(HttpStatusCode.BadRequest), problem);
        Assert.That(problem, Does.Contain("\"q\""));
        Assert.That((await ListAsync(Q(new string('井', 100)))), Is.Empty, "100 characters are still a search");

        var (backwards, why) = await AskAsCountyAsync("/incidents?dueFrom=2026-12-31&dueTo=2026-01-01&supervised=maybe&inHand=perhaps");
        Assert.That(backwards, Is.EqualTo(HttpStatusCode.BadRequest), why);
        Assert.That(why, Does.Contain("\"dueFrom\"").And.Contain("\"supervised\"").And.Contain("\"inHand\""));
    }

    [Test]
    public async Task A_unit_the_county_does_not_have_is_refused_by_name_not_answered_with_an_empty_list()
    {
        foreach (var url in new[] { "/incidents?unitCode=abc", "/incidents?unitCode=", "/incidents/export?format=csv&unitCode=abc",
                     "/incidents/problems/export?format=csv&unitCode=999999999999", "/incidents/work/export?format=csv&unitCode=abc" })
        {
            var (status, body) = await AskAsCountyAsync(url);
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), url);
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("unitCode", out _), Is.True, url);
        }
        var (work, problem) = await AskAsync("/incidents/work?unitCode=abc");
        Assert.That((work, problem.Contains("\"unitCode\"")), Is.EqualTo((HttpStatusCode.BadRequest, true)), problem);
        Assert.That((await AskAsCountyAsync($"/incidents?unitCode={Demo.Courtyard}")).Status, Is.EqualTo(HttpStatusCode.OK), "a unit it has");
    }

    [Test]
    public async Task Supervised_in_hand_and_the_deadlines_days_narrow_the_lists()
    {
        var supervised = _byTitle[Lamp];
        var inHand = _byTitle[Underscore];
        var supervise = await Host.Http.PostAsJsonAsync($"/dispatch/assignments/{supervised}/supervise", new { reason = "限期办结" },
            TestTokens.Verifier("wlf-supervisor"));
        Assert.That(supervise.StatusCode, Is.EqualTo(HttpStatusCode.OK), await supervise.Content.ReadAsStringAsync());
        var take = await Host.Http.PostAsJsonAsync($"/incidents/{inHand}/in-hand", new { instructions = "一周内办结" }, TestTokens.Verifier("wlf-supervisor"));
        Assert.That(take.StatusCode, Is.EqualTo(HttpStatusCode.OK), await take.Content.ReadAsStringAsync());

        // Incidents hears of 督办 from Dispatch a moment later.
        await Eventually.GetAsync(async () => (List<Guid>?)await ListAsync("supervised=true"), ids => ids!.Contains(supervised), TimeSpan.FromSeconds(30), "督办 recorded");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ListAsync("supervised=true"), Is.EqualTo(new[] { supervised }));
            Assert.That(await ListAsync("supervised=false"), Does.Not.Contain(supervised).And.Contain(inHand));
            Assert.That(await ListAsync("inHand=true"), Is.EqualTo(new[] { inHand }));
            Assert.That(await ListAsync("inHand=false"), Does.Not.Contain(inHand).And.Contain(supervised));
            Assert.That(Ids((await BucketAsync("/incidents/work?inHand=true"))!.Value), Is.EqualTo(new[] { inHand }));
            Assert.That(Ids((await BucketAsync("/incidents/work?supervised=true"))!.Value), Is.EqualTo(new[] { supervised }));
        });
        var file = await GetAsync(Host.Http, "/incidents/work/export?format=csv&supervised=true", GridWorker);
        Assert.That(file.Rows.Select(r => r.Text("编号 ID")), Is.EqualTo(new[] { supervised.ToString() }));

        // The deadline's China-local day: dueTo takes the day in, dueFrom starts at it.
        var dueAt = (await Host.IncidentAsync(supervised))!.DueAt!.Value.ToOffset(TimeSpan.FromHours(8));
        var day = DateOnly.FromDateTime(dueAt.DateTime);
        string Day(int plus) => day.AddDays(plus).ToString("yyyy-MM-dd");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ListAsync($"{Q(Lamp)}&dueTo={Day(0)}"), Is.EqualTo(new[] { supervised }));
            Assert.That(await ListAsync($"{Q(Lamp)}&dueTo={Day(-1)}"), Is.Empty);
            Assert.That(await ListAsync($"{Q(Lamp)}&dueFrom={Day(0)}&dueTo={Day(0)}"), Is.EqualTo(new[] { supervised }));
            Assert.That(await ListAsync($"{Q(Lamp)}&dueFrom={Day(1)}"), Is.Empty);
            Assert.That(Ids((await BucketAsync($"/incidents/work?{Q(Lamp)}&dueFrom={Day(0)}"))!.Value), Is.EqualTo(new[] { supervised }));
        });
    }
}
