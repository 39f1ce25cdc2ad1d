using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Personal data (个人信息保护法): care subjects' ID numbers and phones are masked for roles that do
/// not need them, whole for those who visit; every unmasked read is audited; another township's
/// people are not listed at all.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PersonalDataTests : StandaloneFixture
{
    private async Task<List<JsonElement>> SubjectsAsync(AuthenticationHeaderValue who, string query = "")
    {
        using var client = new HttpClient { BaseAddress = Http.BaseAddress }.InEnglish();
        client.DefaultRequestHeaders.Authorization = who;
        return (await client.GetFromJsonAsync<List<JsonElement>>($"/grids/care/subjects?limit=5000{query}"))!;
    }

    [Test]
    public async Task Identifiers_are_masked_for_a_dispatcher_whole_for_the_grid_worker_and_every_whole_read_is_audited()
    {
        var all = await SubjectsAsync(TestTokens.Bearer());
        var subject = all.First(s => s.GetProperty("idNumber").ValueKind == JsonValueKind.String && s.GetProperty("phone").ValueKind == JsonValueKind.String);
        var courtyard = subject.GetProperty("courtyardCode").GetString()!;
        var grid = courtyard[..15];
        var township = courtyard[..9] + "000";
        var otherTownship = township == "500101001000" ? "500101002000" : "500101001000";
        var id = subject.GetProperty("id").GetString();

        var asDispatcher = (await SubjectsAsync(TestTokens.Bearer("dispatcher", Roles.TownshipDispatcher, township))).Single(s => s.GetProperty("id").GetString() == id);
        var idNumber = subject.GetProperty("idNumber").GetString()!;
        var masked = asDispatcher.GetProperty("idNumber").GetString()!;
        Assert.That(masked, Is.Not.EqualTo(idNumber));
        Assert.That(masked, Does.StartWith(idNumber[..4]).And.EndWith(idNumber[^4..]).And.Contain("****"));
        Assert.That(asDispatcher.GetProperty("phone").GetString(), Does.Contain("****"));

        var asGridWorker = (await SubjectsAsync(TestTokens.Bearer("gw-visitor", Roles.GridWorkerFullTime, grid))).Single(s => s.GetProperty("id").GetString() == id);
        Assert.That(asGridWorker.GetProperty("idNumber").GetString(), Is.EqualTo(idNumber));

        var audit = await Http.GetFromJsonAsync<List<JsonElement>>("/grids/audit?limit=100");
        Assert.That(audit!.Any(a => a.GetProperty("actor").GetString() == "gw-visitor"
            && a.GetProperty("action").GetString()!.StartsWith("read unmasked personal data")), "the whole read is on the audit log");
        Assert.That(audit!.Any(a => a.GetProperty("actor").GetString() == "dispatcher"), Is.False, "masked reads are not personal-data reads");

        var outsider = await SubjectsAsync(TestTokens.Bearer("outsider", Roles.TownshipDispatcher, otherTownship));
        Assert.That(outsider.Select(s => s.GetProperty("id").GetString()), Does.Not.Contain(id));
    }
}
