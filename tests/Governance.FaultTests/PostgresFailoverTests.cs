using System.Diagnostics;
using Dapper;
using Governance.FaultTests.Harness;
using Governance.IntegrationTests.Support;
using Npgsql;

namespace Governance.FaultTests;

/// <summary>
/// Issue #18, item 4: the services on a PostgreSQL primary with a synchronous hot standby (deploy/lib/servers.sh,
/// ensure_postgres_pair) and multi-host connection strings. Cases are filed under load, the primary stops as a
/// crash would, the standby is promoted, and the services carry on against it by themselves: every filing that
/// got its 201 is in the promoted database exactly once and routed. Then the old primary rejoins as the new
/// standby with pg_rewind and holds them all too. Prints
/// <c>fault=i … lost=0 duplicated=0 … recovery_s=…</c>, recovery_s being how long no filing was acknowledged
/// around the failover.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresFailoverTests
{
    private const int Cases = 300;
    private IDisposable? _machineLock;

    [OneTimeSetUp]
    public async Task StartPairAsync()
    {
        _machineLock = await MachineLock.TakeAsync(MachineLock.FaultTests, TimeSpan.FromMinutes(15));
        await PostgresPair.EnsureAsync("fh");
    }

    /// <summary>The pair is this test's own: stopped when done (the next start makes the standby again).</summary>
    [OneTimeTearDown]
    public void StopPair()
    {
        PostgresPair.Stop();
        _machineLock?.Dispose();
    }

    [Test]
    public async Task H_PostgreSQL_primary_stopped_and_the_standby_promoted_mid_load()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fh", postgresAdmin: PostgresPair.Admin);
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases, TimeSpan.FromSeconds(15), label: "i");
        await load.TryWaitCreatedAsync(Cases / 3, TimeSpan.FromSeconds(60));
        var stoppedAt = load.Elapsed;
        PostgresPair.FailOver();
        var promotedAt = load.Elapsed;
        NpgsqlConnection.ClearAllPools(); // the test's own sessions died with the primary
        await done;

        var recovery = LongestWithoutAcknowledgement(load, stoppedAt)?.TotalSeconds;
        var routed = await cluster.WaitRoutedAsync(load.Filed, TimeSpan.FromSeconds(120));
        var ready = await cluster.WaitAllReadyAsync(TimeSpan.FromSeconds(60));
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        // Exactly once, counted by the filings' own titles ("h #17"): a filing repeated after the failover would be a second row.
        var (servedBy, sameFilingTwice) = await cluster.QueryAsync(FaultCluster.Incidents, async c => (
            await c.ExecuteScalarAsync<int>("SELECT inet_server_port()"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT title FROM incidents WHERE title LIKE 'h #%' GROUP BY title HAVING COUNT(*) > 1) t")));

        // The old primary rejoins as the standby of the promoted one (pg_rewind) and, streaming synchronously, holds every filing.
        PostgresPair.RejoinOldPrimary();
        var filed = load.Filed.ToArray();
        var onRejoined = await Eventually.GetAsync(async () =>
        {
            await using var standby = new NpgsqlConnection(PostgresPair.OnOldPrimary(cluster.Environment.ConnectionStrings[FaultCluster.Incidents]));
            return await standby.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE id = ANY(@filed)", new { filed });
        }, n => n == filed.Length, TimeSpan.FromSeconds(60), "the rejoined old primary to hold every acknowledged filing");

        audit.Report("i", watch.Elapsed,
            $"{load.Figures(stoppedAt)} recovery_s={recovery?.ToString("0.0") ?? "never"} failover_s={(promotedAt - stoppedAt).TotalSeconds:0.0} " +
            $"same_filing_twice={sameFilingTwice} answers={load.Answers} all_routed={routed} ready_again={ready} served_by={servedBy} " +
            $"on_rejoined_old_primary={onRejoined} error_queue={cluster.ErrorQueueDepth()}");
        load.AssertFaultLandedMidLoad(stoppedAt, Cases / 2);
        Assert.Multiple(() =>
        {
            Assert.That(servedBy, Is.EqualTo(PostgresPair.StandbyPort), "the services work on the promoted standby");
            Assert.That(recovery, Is.Not.Null, "filings are acknowledged again after the failover");
            Assert.That(sameFilingTwice, Is.Zero, "no filing stored twice");
            Assert.That(ready, Is.True, "every service is ready again on the promoted standby");
            Assert.That(cluster.ErrorQueueDepth(), Is.Zero, "no message given up during the failover");
        });
    }

    /// <summary>How long filing stood still: the longest time between two acknowledgements, counted from the last
    /// one before the stop (at 20 filings a second, normally a fraction of a second); null if none came after it.</summary>
    private static TimeSpan? LongestWithoutAcknowledgement(Load load, TimeSpan stoppedAt)
    {
        var answered = load.Attempts.Where(a => a.Id is not null).Select(a => a.AnsweredAt).Order().ToList();
        var from = answered.LastOrDefault(t => t < stoppedAt, stoppedAt);
        var after = answered.Where(t => t >= stoppedAt).ToList();
        if (after.Count == 0) return null;
        return after.Zip(after.Prepend(from), (next, previous) => next - previous).Max();
    }
}
