using Dapper;

namespace Governance.Incidents.Data;

/// <summary>A case's timeline: every step, who took it (a person or system:&lt;job&gt;), on which tier, and why.
/// Appended only; read in order (<see cref="LifeOrder"/> among steps of one moment).</summary>
public static class TimelineStore
{
    private sealed class Row
    {
        public long AtMs { get; init; }
        public string Actor { get; init; } = default!;
        public string Action { get; init; } = default!;
        public string? Tier { get; init; }
        public string? UnitCode { get; init; }
        public string? Reason { get; init; }
    }

    /// <summary>The timeline's rows: written at the end of the change's transaction, with every other change's
    /// of a group commit in one statement (RowsAtCommit, issue #19). Nothing reads a timeline inside the
    /// transaction that adds to it (the views read committed steps), and each step's id is fresh.</summary>
    private static readonly InsertTable Table = new("timeline", ["id", "incident_id", "at_ms", "actor", "action", "tier", "unit_code", "reason"]);

    public static void Add(UnitOfWork uow, Guid incidentId, TimelineEntry e) =>
        uow.InsertAtCommit(Table, Guid.CreateVersion7(), incidentId, e.At.ToUnixTimeMilliseconds(), e.Actor, e.Action,
            e.Tier is { } tier ? Codes.Of(tier) : null, e.UnitCode, e.ReasonCode?.Stored() ?? e.Reason);

    public static void Add(UnitOfWork uow, Guid incidentId, IReadOnlyList<TimelineEntry> entries)
    {
        foreach (var e in entries) Add(uow, incidentId, e);
    }

    /// <summary>Steps written at the same moment (one filing's, or all of them under a frozen clock) in the order of the
    /// case's life: filed, then waiting in triage, placed, the filing's own notes (possible duplicate, settled on the spot),
    /// then the rest. Issue #17 saw "possible duplicate" above "filed": ids within one millisecond are random, so the id
    /// alone does not order them.</summary>
    private static readonly string LifeOrder =
        $"CASE action WHEN '{Model.TimelineAction.Filed}' THEN 0 WHEN '{Model.TimelineAction.Triage}' THEN 1 WHEN '{Model.TimelineAction.Placed}' THEN 2 " +
        $"WHEN '{Model.TimelineAction.PossibleDuplicate}' THEN 3 WHEN '{Model.TimelineAction.ResolvedOnTheSpot}' THEN 3 ELSE 4 END";

    public static async Task<IReadOnlyList<TimelineEntry>> ListAsync(DbSession session, Guid incidentId)
    {
        var rows = await session.QueryAsync<Row>(
            "SELECT at_ms AS AtMs, actor AS Actor, action AS Action, tier AS Tier, unit_code AS UnitCode, reason AS Reason FROM timeline WHERE incident_id = @incidentId ORDER BY at_ms, " + LifeOrder + ", id",
            new { incidentId });
        return rows.Select(r =>
        {
            var coded = CodedReason.FromStored(r.Reason);
            return new TimelineEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Actor, r.Action,
                r.Tier is null ? null : IncidentStore.Parse<Tier>(r.Tier), r.UnitCode, coded?.English() ?? r.Reason, coded);
        }).ToList();
    }

    /// <summary>When the case was last put on a holder (routed, moved up or back, or reopened by verification): where a
    /// wait to be accepted starts. Null when the timeline has no such step.</summary>
    public static async Task<DateTimeOffset?> HandedAtAsync(DbSession session, Guid incidentId) =>
        await session.ExecuteScalarAsync<long?>(
            "SELECT MAX(at_ms) FROM timeline WHERE incident_id = @incidentId AND action IN (@Assigned, @Escalated, @Returned, @Reopened)",
            new { incidentId, Model.TimelineAction.Assigned, Model.TimelineAction.Escalated, Model.TimelineAction.Returned, Model.TimelineAction.Reopened })
            is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
