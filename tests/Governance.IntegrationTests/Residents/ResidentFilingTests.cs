using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Governance.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace Governance.IntegrationTests.Residents;

/// <summary>
/// A resident files at his courtyard from its QR page (issue #16): only with the code texted to his phone; the case
/// lands at the courtyard and is routed as any case, its caller sealed (masked to staff, never in Open311's public
/// list); his status link shows the status and the public steps and nothing of him.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ResidentFilingTests
{
    private ResidentHarness _h = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _h = await ResidentHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";

    [Test]
    public async Task With_the_texted_code_the_case_lands_at_the_courtyard_is_routed_and_its_link_shows_nothing_personal()
    {
        const string phone = "13912345670";
        const string description = "<script>alert('x')</script> 楼道灯坏了 <b>一周</b>";
        var key = await _h.CourtyardKeyAsync();
        var code = await _h.CodeAsync(key, phone);
        Assert.That(code, Does.Match(@"^\d{6}$"));

        var wrong = await _h.FileAsync(key, phone, Wrong(code), description);
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ResidentHarness.JsonAsync(wrong)).GetProperty("errors").TryGetProperty("code", out _), "the problem names code");
        Assert.That((await _h.FileAsync(key, "13912345671", code, description)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "another phone's code");

        var filed = await _h.FileAsync(key, phone, code, description);
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var link = (await ResidentHarness.JsonAsync(filed)).GetProperty("statusLink").GetString()!;
        Assert.That(link, Does.StartWith(ResidentHarness.StatusBase));
        var token = link[ResidentHarness.StatusBase.Length..];
        Assert.That((await _h.FileAsync(key, phone, code, description)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a code files once");

        var id = await IncidentOfAsync(token);
        var routed = await Eventually.GetAsync(() => _h.Inner.Environment.Host.IncidentAsync(id), i => i?.Status == "assigned", ReturnVisits.ReturnVisitHarness.Limit, "routed");
        var filedEntry = routed!.Timeline.Single(e => e.Action == "filed");
        Assert.That(filedEntry.UnitCode, Is.EqualTo(Demo.Courtyard));
        Assert.That(filedEntry.Actor, Is.EqualTo("open311:courtyard:qr"));

        // Staff see it as any resident's case: the description as he wrote it (text, never HTML), his phone masked.
        var view = await _h.GetAsync($"/incidents/{id}", ResidentHarness.Worker);
        Assert.That(view.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the grid worker reads it");
        var json = await ResidentHarness.JsonAsync(view);
        Assert.That(json.GetProperty("description").GetString(), Is.EqualTo(description));
        Assert.That(json.GetProperty("caller").GetProperty("phone").GetString(), Is.EqualTo("139****5670"));
        Assert.That((await _h.GetAsync($"/open311/v2/requests/{id}.json")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "not in Open311's public list");

        var status = await _h.SendAsync(HttpMethod.Get, "/incidents/resident/case", null, token: token);
        var text = await status.Content.ReadAsStringAsync();
        Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var shown = JsonDocument.Parse(text).RootElement;
        Assert.That(shown.GetProperty("status").GetString(), Is.EqualTo("assigned"));
        Assert.That(shown.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()), Does.Contain("filed").And.Contain("assigned"));
        Assert.That(text, Does.Not.Contain("5670").And.Not.Contain("楼道灯").And.Not.Contain("script").And.Not.Contain(id.ToString()).And.Not.Contain("actor"));
        Assert.That((await _h.SendAsync(HttpMethod.Get, "/incidents/resident/case", null, token: new string('A', 32))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // A photo through his link (any PNG will do: the courtyard's code is one), kept on the case for staff.
        var png = await (await _h.GetAsync($"/incidents/courtyard-qr/courtyards/{Demo.Courtyard}/qr.png", ResidentHarness.Worker)).Content.ReadAsByteArrayAsync();
        foreach (var (sentToken, expected) in new[] { (new string('A', 32), HttpStatusCode.NotFound), (token, HttpStatusCode.NoContent) })
        {
            using var anonymous = new HttpClient { BaseAddress = _h.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
            using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "photo", "photo.png" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/incidents/resident/case/photos") { Content = form };
            request.Headers.Add("X-Resident-Token", sentToken);
            var added = await anonymous.SendAsync(request);
            Assert.That(added.StatusCode, Is.EqualTo(expected), await added.Content.ReadAsStringAsync());
        }
        var photos = await ResidentHarness.JsonAsync(await _h.GetAsync($"/incidents/{id}/photos", ResidentHarness.Worker));
        Assert.That(photos.EnumerateArray().Select(p => p.GetProperty("uploadedBy").GetString()), Is.EqualTo(new[] { "resident:courtyard-qr" }));
    }

    [Test]
    public async Task A_code_dies_after_too_many_wrong_tries_and_an_unconfirmed_phone_files_nothing()
    {
        const string phone = "13712345672";
        var key = await _h.CourtyardKeyAsync();
        var before = await FilingsAsync();
        Assert.That((await _h.FileAsync(key, phone, "123456")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "no code asked for");
        var code = await _h.CodeAsync(key, phone);
        for (var i = 0; i < 5; i++) Assert.That((await _h.FileAsync(key, phone, Wrong(code))).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var spent = await _h.FileAsync(key, phone, code);
        Assert.That(spent.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await spent.Content.ReadAsStringAsync(), Does.Contain("过多"));
        Assert.That(await FilingsAsync(), Is.EqualTo(before));
        Assert.That((await _h.FileAsync(key, phone, await _h.CodeAsync(key, phone))).StatusCode, Is.EqualTo(HttpStatusCode.Created), "a new code");
    }

    [Test]
    public async Task A_bad_phone_or_no_courtyard_key_is_refused_before_any_text()
    {
        var key = await _h.CourtyardKeyAsync();
        var texts = _h.Inner.Sms.Requests.Count;
        var bad = await _h.SendAsync(HttpMethod.Post, "/incidents/resident/code", new { phone = "12345" }, key);
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ResidentHarness.JsonAsync(bad)).GetProperty("errors").TryGetProperty("phone", out _));
        Assert.That((await _h.SendAsync(HttpMethod.Post, "/incidents/resident/code", new { phone = "13812340000" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(_h.Inner.Sms.Requests.Count, Is.EqualTo(texts));
    }

    private async Task<Guid> IncidentOfAsync(string token)
    {
        await using var c = new SqliteConnection($"Data Source={_h.Inner.Environment.DataFolder}/incidents.db");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        return Guid.Parse(await c.QuerySingleAsync<string>("SELECT incident_id FROM resident_filings WHERE status_token_hash = @hash", new { hash }));
    }

    private async Task<long> FilingsAsync()
    {
        await using var c = new SqliteConnection($"Data Source={_h.Inner.Environment.DataFolder}/incidents.db");
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM resident_filings");
    }
}
