using Dapper;
using Governance.Grids;
using Governance.Grids.Data;
using Governance.Grids.Handling;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// Two events of one case the assessment has not seen yet, handled at the same moment (two group commits, two
/// instances of Grids): the second must wait for the first's row and read it, not fail on its key and go round
/// the retries (seen as duplicate keys on assessment_cases_pkey under load).
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
[NonParallelizable]
public sealed class AssessmentCaseRaceTests(Provider provider)
{
    private ScratchDatabase _scratch = null!;
    private GridsDatabase _db = null!;

    [OneTimeSetUp]
    public async Task CreateAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync(provider.Database(), "assessment_race");
        _db = new GridsDatabase(_scratch.Options);
        await TestMigrations.RunAsync(_db, GridsModule.MigrationTracks);
    }

    [OneTimeTearDown]
    public async Task DropAsync() => await _scratch.DisposeAsync();

    [Test]
    public async Task Two_assignments_of_a_new_case_at_once_both_land_and_the_newest_wins()
    {
        var runner = Changes.Runner(_db);
        var incidentId = Guid.CreateVersion7();
        var due = DateTimeOffset.UtcNow.AddDays(3);
        var firstHasItsRow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = runner.RunAsync(async uow =>
        {
            await CaseFigures.AssignedAsync(uow, incidentId, 1, "village-a", due);
            firstHasItsRow.SetResult();
            await releaseFirst.Task;                       // holds its transaction (and the new row) open
        });
        await firstHasItsRow.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // SQLite has one writer: the second waits at its start instead of at the row, which is no race to show,
        // but the outcome must be the same.
        var second = runner.RunAsync(uow => CaseFigures.AssignedAsync(uow, incidentId, 2, "township-b", due.AddDays(1)));
        await Task.Delay(500);                             // lets the second reach the row the first holds
        releaseFirst.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(60));

        await using var c = await _db.OpenAsync();
        var rows = (await c.QueryAsync<(int Sequence, string Unit)>(
            "SELECT sequence, handling_unit_code FROM assessment_cases WHERE incident_id = @incidentId", new { incidentId })).ToList();
        Assert.That(rows, Is.EqualTo(new[] { (2, "township-b") }));
    }
}
