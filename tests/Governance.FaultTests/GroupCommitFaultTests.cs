using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using Governance.FaultTests.Harness;
using Governance.IntegrationTests.Support;

namespace Governance.FaultTests;

// One fixture with the other drills (FaultToleranceTests.cs): the same machine lock and order ([Order]: see there).
#pragma warning disable CS0618
public sealed partial class FaultToleranceTests
{
    /// <summary>
    /// Issue #19, item 2: Incidents killed with SIGKILL while it writes filings in groups (GroupCommit.cs). 32
    /// filings in flight at once, each sent as the filing page does (Idempotency-Key, sent again after no
    /// answer or a 5xx); once Incidents' /metrics shows groups of more than one filing, it is killed and
    /// started again at its address. A group cut mid-transaction rolls back whole, so none of its filings was
    /// acknowledged; those sent again are filed once (the key), and every acknowledged case is stored once and
    /// routed. Prints <c>lost= duplicated= recovery_s=</c> with the groups seen before the kill.
    /// </summary>
    [Test, Order(10)]
    public async Task K_Incidents_killed_mid_group_commit_nothing_acknowledged_lost_or_filed_twice()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fk");
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases, TimeSpan.FromSeconds(6),
            concurrency: 32, label: "k", retry: true, maxTries: 12); // sent again for ~30 s: through Incidents' restart

        var incidents = cluster.Running(FaultCluster.Incidents)[0];
        // Killed once groups are being formed (filings wait for each other's commit, as under any real load) and a
        // quarter of the filings were acknowledged; on a machine too slow to form groups, at two thirds anyway (the
        // assertion below then says so).
        var groups = await Eventually.GetAsync(() => GroupsAsync(cluster, incidents),
            g => g.Larger > 0 && load.Created >= Cases / 4 || load.Created >= Cases * 2 / 3,
            TimeSpan.FromSeconds(60), "Incidents to write a group of more than one filing");
        var killedAt = load.Elapsed;
        cluster.Kill(incidents);
        await cluster.Restart(incidents).WaitReadyAsync(cluster.Http, TimeSpan.FromSeconds(120));
        await done;

        var routed = await WaitRoutedAsync(cluster, load);
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        // Exactly once, counted by the filings' own titles ("k #17"): a filing sent again and stored again would be a second row.
        var sameFilingTwice = await cluster.QueryAsync(FaultCluster.Incidents, c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT title FROM incidents WHERE title LIKE 'k #%' GROUP BY title HAVING COUNT(*) > 1) t"));
        var sentAgain = load.Attempts.Count(a => a.Tries > 1);
        var recovery = load.Attempts.Where(a => a.Id is not null && a.At < killedAt && a.AnsweredAt > killedAt)
            .Select(a => (a.AnsweredAt - killedAt).TotalSeconds).DefaultIfEmpty(0).Max();
        audit.Report("k", watch.Elapsed,
            $"{load.Figures(killedAt)} recovery_s={recovery:0.0} groups_before_kill={groups.All} larger_groups_before_kill={groups.Larger} " +
            $"sent_again={sentAgain} same_filing_twice={sameFilingTwice} answers={load.Answers} all_routed={routed} error_queue={cluster.ErrorQueueDepth()}");
        load.AssertFaultLandedMidLoad(killedAt, Cases / 2);
        Assert.Multiple(() =>
        {
            Assert.That(groups.Larger, Is.GreaterThan(0), "groups of more than one filing were being written when Incidents was killed");
            Assert.That(sameFilingTwice, Is.Zero, "no filing stored twice");
            Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
        });
    }

    /// <summary>Incidents' group commits so far from its /metrics: how many, and how many held more than one change.</summary>
    private static async Task<(long All, long Larger)> GroupsAsync(FaultCluster cluster, HostProcess incidents)
    {
        string text;
        try { text = await cluster.Http.GetStringAsync(new Uri(incidents.Address, "/metrics")); }
        catch (HttpRequestException) { return (0, 0); }
        long Sum(string pattern) => Regex.Matches(text, pattern, RegexOptions.Multiline)
            .Sum(m => (long)double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var all = Sum(@"^governance_group_commit_size[a-z_]*_count\{[^}]*\} ([\d.eE+]+)");
        var single = Sum(@"^governance_group_commit_size[a-z_]*_bucket\{[^}]*le=""1""[^}]*\} ([\d.eE+]+)");
        return (all, all - single);
    }
}
