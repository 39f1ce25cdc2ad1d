using System.Diagnostics;
using System.Diagnostics.Metrics;
using Governance.Contracts;

namespace Governance.Infrastructure.Telemetry;

/// <summary>
/// The one Meter "Governance": what a county's operators watch (docs/observability.md lists every name as
/// Prometheus shows it). Static, like an ActivitySource: the places that count (the unit of work's commit,
/// the inbox, the SQLite writer queue, the senders) are shared machinery with no container at hand, and a
/// process hosts one Host. Business counts are taken from the messages a change announced, after its
/// commit: a change that rolled back or was retried counts once or not at all.
/// </summary>
public static class GovernanceMetrics
{
    public const string MeterName = "Governance";

    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Filings = Meter.CreateCounter<long>("governance.filings", "{case}",
        "Cases filed and sent to routing (IncidentFiled announced; a triaged case when triage places it).");
    private static readonly Counter<long> Routings = Meter.CreateCounter<long>("governance.routings", "{assignment}",
        "Assignments started by Dispatch's routing (IncidentRouted announced).");
    private static readonly Counter<long> Escalations = Meter.CreateCounter<long>("governance.escalations", "{escalation}",
        "Cases moved up a tier (IncidentEscalated announced).");
    private static readonly Counter<long> Overdue = Meter.CreateCounter<long>("governance.overdue", "{assignment}",
        "Assignments flagged overdue to the tier above (IncidentFlaggedOverdue announced).");
    private static readonly Counter<long> InboxRepeats = Meter.CreateCounter<long>("governance.inbox.repeats_dropped", "{message}",
        "Messages a consumer had already handled, acknowledged and dropped by its inbox.");
    private static readonly Counter<long> NoticeFailures = Meter.CreateCounter<long>("governance.notices.failed", "{attempt}",
        "Outgoing notices (robots, Open311 callbacks, return-visit SMS) whose send failed; final=true once given up.");
    private static readonly Histogram<double> SqliteWriterWait = Meter.CreateHistogram("governance.sqlite.writer_wait", "s",
        "How long a change waited for its SQLite file's writer queue (standalone).", tags: null,
        // In seconds from 0.1 ms: the SDK's default buckets are for milliseconds (5 to 10 000) and would put every wait in the first.
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    private static readonly Histogram<long> GroupSize = Meter.CreateHistogram("governance.group_commit.size", "{change}",
        "How many changes one group commit wrote in one transaction (issue #19: filings).", tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    private static readonly Dictionary<Type, Counter<long>> Announced = new()
    {
        [typeof(IncidentFiled)] = Filings,
        [typeof(IncidentRouted)] = Routings,
        [typeof(IncidentEscalated)] = Escalations,
        [typeof(IncidentFlaggedOverdue)] = Overdue,
    };

    /// <summary>Counts the messages a committed change announced.</summary>
    public static void Committed(string service, IEnumerable<Type> messageTypes)
    {
        foreach (var type in messageTypes)
            if (Announced.TryGetValue(type, out var counter))
                counter.Add(1, new KeyValuePair<string, object?>("service", service));
    }

    public static void InboxRepeatDropped(string service, string consumer) =>
        InboxRepeats.Add(1, new("service", service), new("consumer", consumer));

    public static void NoticeFailed(string queue, bool final) =>
        NoticeFailures.Add(1, new("queue", queue), new("final", final ? "true" : "false"));

    public static void SqliteWriterWaited(string service, long startedTimestamp) =>
        SqliteWriterWait.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("service", service));

    public static void GroupCommitted(string service, int size) =>
        GroupSize.Record(size, new KeyValuePair<string, object?>("service", service));
}
