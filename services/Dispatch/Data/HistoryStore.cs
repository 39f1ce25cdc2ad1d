namespace Governance.Dispatch.Data;

/// <summary>The SQL of the assignment history: every step Dispatch took on a case, with who took it.</summary>
public static class HistoryStore
{
    /// <summary>The history's rows: written at the end of the change's transaction, with every other change's
    /// of a group commit in one statement (RowsAtCommit, issue #19). Nothing reads the history inside the
    /// transaction that adds to it, and each step's id is fresh.</summary>
    private static readonly InsertTable Table = new("assignment_history", ["id", "incident_id", "at_ms", "actor", "action", "tier", "unit_code", "note"]);

    public static void Add(UnitOfWork uow, Guid incidentId, HistoryEntry e) =>
        uow.InsertAtCommit(Table, Guid.CreateVersion7(), incidentId, e.At.ToUnixTimeMilliseconds(), e.Actor, e.Action,
            e.Tier is { } tier ? Codes.Of(tier) : null, e.UnitCode, Bounded(e.Note));

    private sealed class Row
    {
        public long AtMs { get; init; }
        public string Actor { get; init; } = default!;
        public string Action { get; init; } = default!;
        public string? Tier { get; init; }
        public string? UnitCode { get; init; }
        public string? Note { get; init; }
    }

    public static async Task<IReadOnlyList<HistoryEntry>> ListAsync(DbSession session, Guid incidentId) =>
        (await session.QueryAsync<Row>("""
            SELECT at_ms AS AtMs, actor AS Actor, action AS Action, tier AS Tier, unit_code AS UnitCode, note AS Note
            FROM assignment_history WHERE incident_id = @incidentId ORDER BY at_ms, id
            """, new { incidentId }))
        .Select(r => new HistoryEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Actor, r.Action,
            Codes.TryParse<Tier>(r.Tier, out var tier) ? tier : null, r.UnitCode, r.Note)).ToList();

    /// <summary>Notes are bounded where people type them; a composed note (a list of departments) is cut here.</summary>
    private static string? Bounded(string? note) => note is { Length: > 1000 } ? note[..999] + "…" : note;
}
