using System.Diagnostics;

namespace Governance.Infrastructure.Telemetry;

/// <summary>
/// A group commit's trace (issue #19). Each change of a group runs under its own caller's span, but what the
/// group shares — its inbox rows, the rows left for the end, the counters and the commit itself — runs once,
/// for all of them, under the span of whichever caller wrote the group. Without more, a case's trace would
/// end before its commit. So a group that holds someone else's change gets a span of its own, "group commit",
/// which links every other caller's span, and each of those spans records an event naming the group's span:
/// from either side one can find the other.
/// </summary>
public static class GroupCommitTraces
{
    private static readonly ActivitySource Source = new(TracingSetup.SourceName);

    /// <summary>The group's span, a child of the writer's own, or null when every change is the writer's (a
    /// group of one: its trace already holds everything) or no one records traces.</summary>
    /// <param name="callers">Each change's caller span, as handed over (null for a caller without one).</param>
    public static Activity? Start(string service, IEnumerable<Activity?> callerSpans)
    {
        if (!Source.HasListeners()) return null;
        var callers = callerSpans.ToList();
        var writer = Activity.Current;
        var others = callers.Where(a => a is not null && a.TraceId != writer?.TraceId).Select(a => a!).Distinct().ToList();
        if (others.Count == 0) return null;
        var span = Source.StartActivity("group commit", ActivityKind.Internal, parentContext: default,
            tags: [new("service.component", service), new("governance.group_commit.size", callers.Count)],
            links: others.Select(a => new ActivityLink(a.Context)));
        if (span is null) return null;
        foreach (var caller in others.Where(a => a.IsAllDataRequested))
            caller.AddEvent(new ActivityEvent("group commit", tags: new ActivityTagsCollection
            {
                ["governance.group_commit.trace_id"] = span.TraceId.ToString(),
                ["governance.group_commit.span_id"] = span.SpanId.ToString(),
                ["governance.group_commit.size"] = callers.Count,
            }));
        return span;
    }
}
