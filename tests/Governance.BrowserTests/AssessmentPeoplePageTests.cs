using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The month's assessment on the county's dashboard lists everyone at the townships below: a few hundred people,
/// folded until asked for (their rows are built only then), while a village's handful is shown at once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AssessmentPeoplePageTests : BrowserFixture
{
    [Test]
    public async Task The_countys_long_list_of_people_opens_when_asked_and_holds_everyone_the_api_counts()
    {
        var month = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/assessment/units/{Demo.County}");
        var people = month.GetProperty("people").GetArrayLength();
        Assert.That(people, Is.GreaterThan(30), "the demo county lists more people than are shown unfolded");

        var page = await Browser.OpenAsync("county-people", 1440, 1000);
        await SignInAsync(page, "county-supervisor-" + Demo.County, "/county");
        var section = page.Locator("section[aria-labelledby=assessment-h]");
        var folded = section.Locator("details.people-list");
        await Expect(folded.Locator("summary")).ToHaveTextAsync($"展开全部 {people} 人", new() { Timeout = 20_000 });
        await Expect(section.Locator("tr[data-person]")).ToHaveCountAsync(0);

        await folded.Locator("summary").ClickAsync();
        await Expect(section.Locator("tr[data-person]")).ToHaveCountAsync(people);
        await Axe.CheckAsync(page, "/county, the people unfolded");

        var village = await Browser.OpenAsync("village-people", 1280, 900);
        await SignInAsync(village, "village-handler-" + Demo.Village, "/village");
        var shown = village.Locator("section[aria-labelledby=assessment-h] tr[data-person]");
        await Expect(shown.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(village.Locator("section[aria-labelledby=assessment-h] details.people-list")).ToHaveCountAsync(0);
    }
}
