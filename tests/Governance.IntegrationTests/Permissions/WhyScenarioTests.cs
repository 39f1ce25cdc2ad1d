using System.Data.Common;
using System.Net.Http.Headers;
using Governance.Dispatch.Data;
using Governance.Grids.Data;
using Governance.Incidents.Data;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Permissions;

/// <summary>
/// The scenarios under "Why" in issue #11, as a grid worker and a courtyard lead tried them on the
/// standalone demo county: each is refused and changes nothing — the case as the officer sees it and
/// the row count of every table of the three services' databases are the same before and after.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WhyScenarioTests : StandaloneFixture
{
    private CaseApi _api = null!;
    private ProbeCases _cases = null!;

    private static AuthenticationHeaderValue GridWorker => TestTokens.Bearer("gw-why", Roles.GridWorkerFullTime, Demo.Grid);
    private static AuthenticationHeaderValue CourtyardLead => TestTokens.Bearer("cl-why", Roles.CourtyardLead, Demo.Courtyard);

    [OneTimeSetUp]
    public async Task OpenTheApiAsync()
    {
        _api = CaseApi.Standalone(Http.BaseAddress!);
        _cases = new ProbeCases(_api, await MatrixDepartments.LoadAsync(_api));
    }

    [OneTimeTearDown]
    public void DisposeTheApi() => _api.Dispose();

    [Test]
    public async Task A_grid_worker_cannot_resolve_a_county_tier_grade_I_emergency()
    {
        var emergency = await _cases.BuildAsync(new CaseSpec("county", Category: "emergency"), CaseState.Accepted);
        await AssertRefusedAsync(emergency, $"/incidents/{emergency}/resolve", new { note = "已处置" }, GridWorker, 403);
    }

    /// <summary>DOMAIN lets the courtyard lead of the place verify (核查) — once the county has resolved
    /// the case. Since the grid worker can no longer resolve it, there is nothing to verify: the answer is
    /// 409 (he may verify, the case's state does not fit), not 403, and the case stays open at the county.</summary>
    [Test]
    public async Task A_courtyard_lead_cannot_close_the_county_emergency_by_verifying_it()
    {
        var emergency = await _cases.BuildAsync(new CaseSpec("county", Category: "emergency"), CaseState.Accepted);
        await AssertRefusedAsync(emergency, $"/incidents/{emergency}/resolve", new { note = "已处置" }, GridWorker, 403);
        await AssertRefusedAsync(emergency, $"/incidents/{emergency}/verification", new { result = "solved", satisfaction = "satisfied" }, CourtyardLead, 409);
        Assert.That(ProbeCases.Str((await _api.GetAsync($"/incidents/{emergency}"))!.Value, "status"), Is.EqualTo("accepted"));
    }

    [Test]
    public async Task A_grid_worker_can_neither_accept_nor_resolve_a_township_petition()
    {
        var petition = await _cases.BuildAsync(new CaseSpec("township", Category: "petition", FiledGrade: "IV"), CaseState.Assigned);
        await AssertRefusedAsync(petition, $"/incidents/{petition}/accept", null, GridWorker, 403);
        await AssertRefusedAsync(petition, $"/incidents/{petition}/resolve", new { note = "已解决" }, GridWorker, 403);
    }

    /// <summary>Neither the case he holds (below the township a holder asks, docs/permissions.md) nor a
    /// township case of his place.</summary>
    [Test]
    public async Task A_grid_worker_cannot_escalate_through_the_dispatch_desk()
    {
        var his = await _cases.BuildAsync(new CaseSpec("courtyard"), CaseState.Accepted);
        await AssertRefusedAsync(his, $"/dispatch/assignments/{his}/escalate", new { reason = "往上报" }, GridWorker, 403);
        var petition = await _cases.BuildAsync(new CaseSpec("township", Category: "petition", FiledGrade: "IV"), CaseState.Accepted);
        await AssertRefusedAsync(petition, $"/dispatch/assignments/{petition}/escalate", new { reason = "往上报" }, GridWorker, 403);
    }

    private async Task AssertRefusedAsync(Guid id, string path, object? body, AuthenticationHeaderValue caller, int expected)
    {
        await _cases.QuietAsync(id);
        var rowsBefore = await QuietRowCountsAsync();
        var caseBefore = await _cases.SnapshotAsync(id);

        using var response = await _api.PostAsync(path, body, caller);
        var answer = await response.Content.ReadAsStringAsync();
        var caseAfter = await _cases.SnapshotAsync(id);
        var rowsAfter = await RowCountsAsync();
        var rowsChanged = rowsAfter.Where(r => rowsBefore.GetValueOrDefault(r.Key) != r.Value)
            .Select(r => $"{r.Key}: {rowsBefore.GetValueOrDefault(r.Key)} → {r.Value}").ToList();

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(expected), $"POST {path}: {answer}");
            Assert.That(caseAfter, Is.EqualTo(caseBefore), "the case as the officer sees it");
            Assert.That(rowsChanged, Is.Empty, "row counts of the tables of grids, incidents and dispatch");
            Assert.That(rowsAfter.Keys, Is.EquivalentTo(rowsBefore.Keys));
            Assert.That(rowsBefore.Keys, Does.Contain("incidents.timeline").And.Contain("dispatch.escalations").And.Contain("incidents.audit_log"),
                "the tables a wrongly allowed action would write");
        });
    }

    /// <summary>Row counts once nothing is moving any more (the setup's messages have arrived).</summary>
    private async Task<Dictionary<string, long>> QuietRowCountsAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var last = await RowCountsAsync();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            var now = await RowCountsAsync();
            if (now.SequenceEqual(last)) return now;
            last = now;
        }
        throw new TimeoutException("The databases kept changing for 10 s.");
    }

    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        Database[] databases = [Host.Get<GridsDatabase>(), Host.Get<IncidentsDatabase>(), Host.Get<DispatchDatabase>()];
        foreach (var database in databases)
        {
            await using var connection = await database.OpenAsync();
            foreach (var table in await TablesAsync(connection))
                counts[$"{database.ServiceName}.{table}"] = Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table}\""));
        }
        return counts;
    }

    private static async Task<List<string>> TablesAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
