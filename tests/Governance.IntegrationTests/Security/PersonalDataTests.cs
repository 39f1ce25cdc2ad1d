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

    /// <summary>A courtyard lead (a role that sees others' phones masked) reads his own staff record whole, while a
    /// township dispatcher (masked too) reads the same record masked: it is whole for being his own, not for his role (the
    /// second outside probe saw his own phone masked while his grid's worker saw it whole).</summary>
    [Test]
    public async Task A_person_reads_his_own_staff_record_whole_and_others_read_it_masked()
    {
        using var admin = new HttpClient { BaseAddress = Http.BaseAddress }.InEnglish();
        admin.DefaultRequestHeaders.Authorization = TestTokens.Bearer();
        var staff = (await admin.GetFromJsonAsync<List<JsonElement>>("/grids/staff?limit=1000"))!;
        var me = staff.First(s => s.GetProperty("role").GetString() == Roles.CourtyardLead && s.GetProperty("phone").ValueKind == JsonValueKind.String);
        var (myId, myUnit, myPhone) = (me.GetProperty("id").GetString()!, me.GetProperty("unitCode").GetString()!, me.GetProperty("phone").GetString()!);

        async Task<string?> PhoneSeenByAsync(AuthenticationHeaderValue who)
        {
            using var client = new HttpClient { BaseAddress = Http.BaseAddress }.InEnglish();
            client.DefaultRequestHeaders.Authorization = who;
            var seen = (await client.GetFromJsonAsync<List<JsonElement>>("/grids/staff?limit=1000"))!;
            return seen.Single(s => s.GetProperty("id").GetString() == myId).GetProperty("phone").GetString();
        }

        Assert.That(await PhoneSeenByAsync(TestTokens.Bearer(myId, Roles.CourtyardLead, myUnit)), Is.EqualTo(myPhone), "his own phone, whole");
        Assert.That(await PhoneSeenByAsync(TestTokens.Bearer("dispatcher-of-his-township", Roles.TownshipDispatcher, myUnit[..9] + "000")),
            Does.Contain("****"), "the same phone read by a dispatcher, masked");
    }
}
