using Dapper;
using Governance.Grids;
using Governance.Grids.Data;
using Governance.Grids.Model;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// A database that recorded care visits in care_visits (migrated to 0007) is upgraded by 0008, which copies
/// them into visits (kind care): afterwards the subject shows the same visits, a patrol's 'care-visit' link
/// still names one, and the assessment counts them as before (docs/assessment.md, "One visit model").
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class CareVisitsMigrationTests(Provider provider)
{
    private const int LastBeforeCareVisitsInVisits = 7;
    private static readonly MigrationTrack Grids = MigrationTrack.ForService(GridsModule.ServiceName, typeof(GridsModule).Assembly);

    // 10:00 on 2 March 2026 in China; the subject is visited weekly.
    private static readonly DateTimeOffset Registered = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private ScratchDatabase _scratch = null!;
    private GridsDatabase _db = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync(provider.Database(), "care_visits_copy");
        _db = new GridsDatabase(_scratch.Options);
    }

    [TearDown]
    public async Task DropAsync() => await _scratch.DisposeAsync();

    private MigrationRunner Runner() => new(_db, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

    /// <summary>The database as an installation that last started before 0008 has it, as MigrationRunner would have left it.</summary>
    private async Task MigrateToBeforeCopyAsync()
    {
        await Runner().MigrateAsync([MigrationTrack.Messaging]);
        await using var c = await _db.OpenAsync();
        foreach (var (version, name, sql) in MigrationRunner.ScriptsFor(Grids, _db.Provider).Where(s => s.Version <= LastBeforeCareVisitsInVisits))
        {
            await using var t = await c.BeginTransactionAsync();
            foreach (var batch in MigrationRunner.Batches(sql, _db.Provider)) await c.ExecuteAsync(batch, transaction: t);
            await c.ExecuteAsync("INSERT INTO schema_migrations (track, version, name, applied_at_ms) VALUES (@track, @version, @name, 0)",
                new { track = Grids.Name, version, name }, t);
            await t.CommitAsync();
        }
    }

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    [Test]
    public async Task Upgrading_copies_care_visits_into_visits_with_their_ids_links_and_figures()
    {
        await MigrateToBeforeCopyAsync();
        var subject = Guid.NewGuid();
        var onTime = new CareVisit(Guid.NewGuid(), subject, "worker-1", Registered.AddDays(3), "老人身体好", null, "worker-1", Registered.AddDays(3).AddMinutes(5));
        var late = new CareVisit(Guid.NewGuid(), subject, "worker-1", Registered.AddDays(12), "屋顶漏雨", Guid.NewGuid(), "head-1", Registered.AddDays(12).AddHours(1));
        var patrol = Guid.NewGuid();
        await using (var c = await _db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO units (code, name, level, parent_code, version) VALUES ('c1', '院落', 4, NULL, 1)");
            await c.ExecuteAsync("INSERT INTO staff (id, name, role, unit_code) VALUES ('worker-1', '网格员', 'grid-worker-full-time', 'c1')");
            await c.ExecuteAsync("""
                INSERT INTO care_subjects (id, kind, name, courtyard_code, grid_worker_id, visit_every_days, registered_at_ms, registered_by,
                                           last_visit_at_ms, visit_due_at_ms, version)
                VALUES (@subject, 'elderly-alone', '谭桂兰', 'c1', 'worker-1', 7, @registered, 'admin', @last, @due, 3)
                """, new { subject, registered = Ms(Registered), last = Ms(late.VisitedAt), due = Ms(late.VisitedAt.AddDays(7)) });
            foreach (var v in new[] { onTime, late })
                await c.ExecuteAsync("""
                    INSERT INTO care_visits (id, subject_id, visited_by, visited_at_ms, findings, incident_id, recorded_by, recorded_at_ms)
                    VALUES (@Id, @SubjectId, @VisitedBy, @at, @Findings, @IncidentId, @RecordedBy, @recorded)
                    """, new { v.Id, v.SubjectId, v.VisitedBy, at = Ms(v.VisitedAt), v.Findings, v.IncidentId, v.RecordedBy, recorded = Ms(v.RecordedAt) });
            // The on-time visit was made during a patrol, which links to it.
            await c.ExecuteAsync("""
                INSERT INTO visits (id, kind, person_id, unit_code, started_at_ms, ended_at_ms, point_count, last_point_at_ms, version)
                VALUES (@patrol, 'patrol', 'worker-1', 'c1', @start, @end, 0, NULL, 2)
                """, new { patrol, start = Ms(onTime.VisitedAt.AddHours(-1)), end = Ms(onTime.VisitedAt.AddHours(1)) });
            await c.ExecuteAsync("INSERT INTO visit_links (visit_id, link_kind, link_id, at_ms) VALUES (@patrol, 'care-visit', @Id, @at)",
                new { patrol, onTime.Id, at = Ms(onTime.VisitedAt) });
        }

        await Runner().MigrateAsync([MigrationTrack.Messaging, Grids]);

        await using var session = await _db.OpenReadAsync();
        Assert.That(await CareStore.VisitsAsync(session, subject), Is.EqualTo(new[] { onTime, late }), "the subject's visits, as they were");
        var linked = await session.QuerySingleAsync<(string Kind, string UnitCode, long StartedAtMs, long EndedAtMs)>("""
            SELECT v.kind, v.unit_code, v.started_at_ms, v.ended_at_ms FROM visit_links l JOIN visits v ON v.id = l.link_id
            WHERE l.visit_id = @patrol AND l.link_kind = 'care-visit'
            """, new { patrol });
        Assert.That(linked, Is.EqualTo(("care", "c1", Ms(onTime.VisitedAt), Ms(onTime.VisitedAt))), "the patrol's link names the copied visit");
        var figures = await WorkFigureStore.CareVisitsAsync(session, AssessmentMonth.Of(Registered));
        Assert.That(figures["worker-1"], Is.EqualTo((2, 1)), "two visits, the second after its due date (the first plus 7 days)");
        var ended = await VisitStore.FindAsync(session, patrol);
        Assert.That(ended!.EndedBy, Is.EqualTo("worker-1"), "a visit ended before ended_by existed was ended by its person");
    }
}
