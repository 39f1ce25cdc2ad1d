using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// A grid worker's own assessment on his page (issue #15 item 5: "each person sees his own … as a table and a chart"):
/// this month first, another month when he picks it, each with the API's figures in the table and its points per
/// item in the chart.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ScoreCardPageTests : BrowserFixture
{
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;

    /// <summary>The items the card shows, in its order, with the weight of each (a person has no missed deadlines).</summary>
    private static readonly (string Item, string Weight, int Sign)[] Items =
    [
        ("patrolDays", "patrolDay", 1), ("careVisitsOnTime", "careVisitOnTime", 1), ("casesFound", "caseFound", 1),
        ("settledOnSpot", "settledOnSpot", 1), ("resolvedOnTime", "resolvedOnTime", 1), ("satisfied", "satisfied", 1),
        ("dissatisfied", "dissatisfied", -1),
    ];

    [Test]
    public async Task The_worker_reads_this_months_score_and_another_months_as_a_table_and_a_chart()
    {
        // He files a case this month: 发现上报 counts it for him (Grids hears IncidentFiled).
        var filed = await Env.Host.Http.PostAsJsonAsync("/incidents",
            new { unitCode = Demo.Courtyard, category = "facilities", grade = "IV", title = "路灯不亮", description = "d" },
            TestTokens.Bearer(GridWorker, Roles.GridWorkerFullTime, Demo.Grid));
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var china = DateTime.UtcNow.AddHours(8);
        var (thisMonth, lastMonth) = ($"{china:yyyy-MM}", $"{china.AddMonths(-1):yyyy-MM}");
        var now = await Eventually.GetAsync(() => AssessmentAsync(thisMonth), a => Figure(a, "casesFound") > 0,
            TimeSpan.FromSeconds(30), "the case counted for him");
        var before = await AssessmentAsync(lastMonth);
        Assert.That(Figure(before, "casesFound"), Is.LessThan(Figure(now, "casesFound")), "the two months differ");

        var page = await Browser.OpenAsync("score-card", 400, 860, phone: true);
        await SignInAsync(page, GridWorker, "/worker");
        var card = page.Locator("section[aria-labelledby=score-h]");
        await Expect(card.Locator("input[name=month]")).ToHaveValueAsync(thisMonth);
        await ExpectMonthAsync(card, now);

        await card.Locator("input[name=month]").FillAsync(lastMonth);
        await card.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await ExpectMonthAsync(card, before);
        await Axe.CheckAsync(page, "/worker score card");
        await card.ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(page, "score-card-last-month");
    }

    /// <summary>The card shows the month's score, each item's count in the table, and the points per item in the chart.</summary>
    private static async Task ExpectMonthAsync(ILocator card, JsonElement a)
    {
        var month = a.GetProperty("month").GetString()!;
        var person = a.GetProperty("person");
        await Expect(card.Locator("[data-month]")).ToHaveAttributeAsync("data-month", month);
        await Expect(card.Locator("[data-score]")).ToHaveTextAsync(person.GetProperty("score").GetInt32().ToString());
        foreach (var (item, _, _) in Items)
            await Expect(card.Locator($"tr[data-item={item}] td").First).ToHaveTextAsync(Figure(a, item).ToString(), new() { Timeout = 5_000 });
        var weights = a.GetProperty("weights");
        var points = Items.Select(i => (i.Sign * Figure(a, i.Item) * weights.GetProperty(i.Weight).GetInt32()).ToString());
        await Expect(card.Locator(".chart.score-parts")).ToHaveAttributeAsync("data-points", string.Join(",", points));
        await Expect(card.Locator(".chart.score-parts svg path").First).ToBeAttachedAsync();
    }

    private static int Figure(JsonElement a, string item) => a.GetProperty("person").GetProperty("figures").GetProperty(item).GetInt32();

    private async Task<JsonElement> AssessmentAsync(string month) =>
        await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/assessment/people/{GridWorker}?month={month}");
}
