using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Governance.Incidents.Data;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Open311;

/// <summary>
/// Intake by place (issue #14, DOMAIN "The resident and the hotline"): a hotline call that says where, not which
/// courtyard, is placed on its courtyard by the county's boundaries or by an address the county registered, and
/// routed like any case. The demo county's courtyards are tiles (DemoCounty, Tiling): the first grid of the
/// first village, lat 30.5–30.575 and lng 108.0–108.1, holds courtyard 001 (lat 30.5–30.5375, lng 108.0–108.05),
/// 002 (lat 30.5–30.5375, lng 108.05–108.1) and 003 (lat 30.5375–30.575, lng 108.0–108.1).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IntakeByPlaceTests : StandaloneFixture
{
    private const string Courtyard2 = "500101001001001002";
    private const string Courtyard3 = "500101001001001003";

    /// <summary>POST requests as a hotline system sends it: form-encoded, the demo key, nothing about units or grades.</summary>
    private async Task<(Guid Id, string Notice)> CallAsync(params (string Field, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["api_key"] = "demo", ["service_code"] = "environment" };
        foreach (var (field, value) in fields) form[field] = value;
        var response = await Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<JsonElement>())[0];
        return (Guid.Parse(created.GetProperty("service_request_id").GetString()!), created.GetProperty("service_notice").GetString()!);
    }

    private async Task<JsonElement> RoutedAsync(Guid id) => await Eventually.GetAsync(
        () => Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}"), i => i.GetProperty("status").GetString() == "assigned",
        TimeSpan.FromSeconds(30), "the call routed");

    [Test]
    public async Task A_call_with_only_lat_long_and_a_description_is_placed_on_the_courtyard_holding_the_point_and_routed()
    {
        var (id, notice) = await CallAsync(("lat", "30.52"), ("long", "108.07"), ("description", "小区门口垃圾堆放多日无人清运"));

        Assert.That(notice, Does.StartWith("已受理登记，将按事件类型和等级派遣"));
        var incident = await RoutedAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(incident.GetProperty("unitCode").GetString(), Is.EqualTo(Courtyard2));
            Assert.That(incident.GetProperty("grade").GetString(), Is.EqualTo("IV"), "IV unless a grade is given");
            // environment IV starts on the courtyard tier, at the courtyard itself (the default routing policy).
            Assert.That(incident.GetProperty("tier").GetString(), Is.EqualTo("courtyard"));
            Assert.That(incident.GetProperty("handlingUnitCode").GetString(), Is.EqualTo(Courtyard2));
            var placed = incident.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "placed");
            Assert.That(placed.GetProperty("actor").GetString(), Is.EqualTo("system:placement"));
            Assert.That(placed.GetProperty("reason").GetString(), Does.Contain("location"));
        });
    }

    [Test]
    public async Task A_point_on_the_border_of_two_courtyards_belongs_to_the_one_east_of_it()
    {
        // lng 108.05 is the border of courtyards 001 and 002 (docs/coordinates.md, "Borders").
        var (id, _) = await CallAsync(("lat", "30.51"), ("long", "108.05"), ("description", "两个小区之间的路灯不亮"));
        Assert.That((await RoutedAsync(id)).GetProperty("unitCode").GetString(), Is.EqualTo(Courtyard2));
    }

    [Test]
    public async Task A_call_whose_address_is_a_registered_alias_of_a_courtyard_is_placed_there_whatever_its_white_space()
    {
        var set = await Http.PutAsJsonAsync($"/grids/units/{Courtyard3}/aliases", new { aliases = new[] { "  幸福村3组　12号院 ", "幸福村卫生院" } });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        var stored = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(stored.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "幸福村3组 12号院", "幸福村卫生院" }));
        await Eventually.GetAsync(() => AliasCopiesAsync(Courtyard3), n => n == 2, TimeSpan.FromSeconds(30), "Incidents to copy the aliases");

        var (id, _) = await CallAsync(("address_string", "幸福村3组\u3000 12号院 "), ("description", "院内化粪池外溢"));
        var incident = await RoutedAsync(id);
        Assert.That(incident.GetProperty("unitCode").GetString(), Is.EqualTo(Courtyard3));
    }

    [Test]
    public async Task An_address_that_only_resembles_an_alias_is_not_guessed_and_waits_in_triage()
    {
        var set = await Http.PutAsJsonAsync($"/grids/units/{Courtyard2}/aliases", new { aliases = new[] { "石桥村5组" } });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        await Eventually.GetAsync(() => AliasCopiesAsync(Courtyard2), n => n == 1, TimeSpan.FromSeconds(30), "Incidents to copy the alias");

        var (id, notice) = await CallAsync(("address_string", "石桥村5组附近"), ("description", "路边有死猫"));
        Assert.That(notice, Does.StartWith("已受理登记；事发地点待区县指挥中心分拨"));
        var incident = await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}");
        Assert.That(incident.GetProperty("status").GetString(), Is.EqualTo("triage"));
        Assert.That(incident.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.County));
    }

    [Test]
    public async Task An_alias_belongs_to_one_unit_and_only_the_county_administrator_sets_them()
    {
        var first = await Http.PutAsJsonAsync($"/grids/units/{Demo.Courtyard}/aliases", new { aliases = new[] { "龙桥湾1号" } });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var taken = await Http.PutAsJsonAsync($"/grids/units/{Demo.Grid}/aliases", new { aliases = new[] { "龙桥湾1号" } });
        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await taken.Content.ReadAsStringAsync(), Does.Contain("\"aliases\"").And.Contain(Demo.Courtyard));
        var village = await Http.PutAsJsonAsync($"/grids/units/{Demo.Village}/aliases", new { aliases = new[] { "幸福村" } });
        Assert.That(village.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "aliases are for grids and courtyards");

        var worker = TestTokens.Bearer("gw-alias", Roles.GridWorkerFullTime, Demo.Grid);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/grids/units/{Demo.Courtyard}/aliases")
            { Content = JsonContent.Create(new { aliases = new[] { "我的院子" } }) };
        request.Headers.Authorization = worker;
        Assert.That((await Http.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var read = await Http.GetFromJsonAsync<JsonElement>($"/grids/units/{Demo.Courtyard}/aliases");
        Assert.That(read.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "龙桥湾1号" }));
    }

    [Test]
    public async Task A_hotline_operator_files_by_location_without_unit_or_grade()
    {
        var operatorToken = TestTokens.Bearer("hotline-op-1", Roles.HotlineOperator, Demo.County);
        var response = await Http.PostAsJsonAsync("/incidents", new
        {
            category = "facilities", title = "路灯不亮", description = "来电反映路灯不亮", location = new { lat = 30.56, lng = 108.02 },
        }, operatorToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var incident = await RoutedAsync(id);
        Assert.That(incident.GetProperty("unitCode").GetString(), Is.EqualTo(Courtyard3));

        var grid = await Http.PostAsJsonAsync("/incidents", new { category = "facilities", title = "路灯不亮", description = "路灯不亮" },
            TestTokens.Bearer("gw-no-unit", Roles.GridWorkerFullTime, Demo.Grid));
        Assert.That(grid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a grid worker names his unit: only hotline calls are placed");
        Assert.That(await grid.Content.ReadAsStringAsync(), Does.Contain("unitCode"));
    }

    private async Task<long> AliasCopiesAsync(string unit)
    {
        await using var c = await Host.Get<IncidentsDatabase>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM unit_alias_copy WHERE unit_code = @unit", new { unit });
    }
}
