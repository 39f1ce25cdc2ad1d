using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.UnitCopy;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Governance.IntegrationTests.SqlServer;

/// <summary>
/// No SQL Server can run on our machines, so its scripts and its dialect's statements are checked
/// by Microsoft's own T-SQL parser: a syntax error fails here rather than at a county's start-up.
/// </summary>
[TestFixture]
public sealed class SqlServerScriptTests
{
    private static IEnumerable<MigrationTrack> Tracks() =>
    [
        MigrationTrack.Messaging,
        MigrationTrack.UnitCopy,
        MigrationTrack.AccountCopy,
        MigrationTrack.ForService(GridsModule.ServiceName, typeof(GridsModule).Assembly),
        MigrationTrack.ForService(IncidentsModule.ServiceName, typeof(IncidentsModule).Assembly),
        MigrationTrack.ForService(DispatchModule.ServiceName, typeof(DispatchModule).Assembly),
    ];

    private static IEnumerable<TestCaseData> Scripts() =>
        Tracks().SelectMany(track => MigrationRunner.ScriptsFor(track, DatabaseProvider.SqlServer)
            .Select(s => new TestCaseData(s.Sql).SetArgDisplayNames($"{track.Name}-{s.Version:D4}-{s.Name}")));

    private static IEnumerable<TestCaseData> DialectStatements()
    {
        const DatabaseProvider p = DatabaseProvider.SqlServer;
        yield return new TestCaseData(Sql.ClaimRows(p, "id, body", "outbox_messages", "sent_at_ms IS NULL", "created_at_ms, id", 200)).SetArgDisplayNames("claim outbox");
        yield return new TestCaseData(Sql.ClaimRows(p, "incident_id", "assignments", "status = 'active' AND due_at_ms <= @Now", "due_at_ms", 100)).SetArgDisplayNames("claim due");
        yield return new TestCaseData(Sql.InsertIfAbsent(p, "inbox_messages", "message_id, consumer, processed_at_ms", "@MessageId, @Consumer, @At",
            "message_id, consumer", "message_id = @MessageId AND consumer = @Consumer")).SetArgDisplayNames("inbox insert");
        yield return new TestCaseData($"SELECT code FROM units ORDER BY code {Sql.Page(p, 50, 100)}").SetArgDisplayNames("page");
        yield return new TestCaseData($"""
            {Sql.RecursiveWith(p)} chain (code, parent_code, depth) AS (
                SELECT code, parent_code, 0 FROM unit_copy WHERE code = @code
                UNION ALL SELECT u.code, u.parent_code, c.depth + 1 FROM unit_copy u JOIN chain c ON u.code = c.parent_code WHERE c.depth < 8)
            SELECT code FROM chain ORDER BY depth
            """).SetArgDisplayNames("recursive chain");
        yield return new TestCaseData(UnitCopyStore.UpsertSql(p)).SetArgDisplayNames("unit copy merge");
        yield return new TestCaseData(Infrastructure.Sessions.AccountCopyStore.UpsertSql(p)).SetArgDisplayNames("account copy merge");
        yield return new TestCaseData(Sql.Batch(p,
                Sql.Increment(p, "rollup_village_daily", ["day", "village_code"], ["filed", "closed"], ["township_code"]),
                Sql.Increment(p, "open_counters", ["village_code", "tier"], ["open_cases"], ["township_code"])))
            .SetArgDisplayNames("counter upserts in one command");
        yield return new TestCaseData(Governance.Incidents.Data.ReporterStore.CandidatesSql(p, withBox: true)).SetArgDisplayNames("duplicate candidates");
        yield return new TestCaseData(Sql.LockingSelect(p, "incident_id, sequence", "assignments", "incident_id = @incidentId")).SetArgDisplayNames("locking read");
        // Grids: the unit path with retirement, overdue care visits (paged), a full multi-row insert batch.
        yield return new TestCaseData(Governance.Grids.Data.UnitStore.PathSql(p)).SetArgDisplayNames("grids unit path");
        yield return new TestCaseData(Governance.Grids.Data.CareStore.OverdueSql(p, 500)).SetArgDisplayNames("grids overdue visits");
        // Lists cut from what the caller may see: his units and everything below them.
        yield return new TestCaseData(Governance.Grids.Data.StaffStore.ListSql(p, ["grid-worker-full-time"], [Governance.IntegrationTests.Support.Demo.Township, Governance.IntegrationTests.Support.Demo.Village], 3, 3,
            new Dapper.DynamicParameters())).SetArgDisplayNames("grids staff within reach");
        yield return new TestCaseData(Governance.Grids.Data.CareStore.ListSql(p, [Governance.IntegrationTests.Support.Demo.Grid], 2, 0, new Dapper.DynamicParameters()))
            .SetArgDisplayNames("grids care subjects within reach");
        yield return new TestCaseData(Governance.Grids.Data.VisitStore.ListSql(p, Governance.IntegrationTests.Support.Demo.Grid, 500, new Dapper.DynamicParameters()))
            .SetArgDisplayNames("grids patrols within a unit");
        string[] staffColumns = ["id", "name", "role", "unit_code", "phone", "id_number", "department_id", "version", "left_at_ms"];
        yield return new TestCaseData(Governance.Infrastructure.Data.BulkInsert.Statement("staff", staffColumns,
            Governance.Infrastructure.Data.BulkInsert.RowsPerStatement(staffColumns.Length))).SetArgDisplayNames("grids bulk insert");
    }

    [TestCaseSource(nameof(Scripts))]
    [TestCaseSource(nameof(DialectStatements))]
    public void Parses_without_errors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.That(errors.Select(e => $"line {e.Line}: {e.Message}"), Is.Empty);
    }

    [Test]
    public void Every_track_has_a_script_for_each_dialect_with_the_same_versions()
    {
        foreach (var track in Tracks())
        {
            var versions = Enum.GetValues<DatabaseProvider>()
                .Select(p => string.Join(",", MigrationRunner.ScriptsFor(track, p).Select(s => s.Version))).Distinct().ToList();
            Assert.That(versions, Has.Count.EqualTo(1), $"{track.Name}: the dialects disagree on versions");
            Assert.That(versions[0], Is.Not.Empty, $"{track.Name} has no scripts");
        }
    }

    [Test]
    public void A_broken_script_is_caught()
    {
        var parser = new TSql160Parser(true);
        parser.Parse(new StringReader("CREATE TABLE t (id INT PRIMARY KEY,, name NVARCHAR(10))"), out var errors);
        Assert.That(errors, Is.Not.Empty, "the parser must be able to fail, or the tests above prove nothing");
    }
}
