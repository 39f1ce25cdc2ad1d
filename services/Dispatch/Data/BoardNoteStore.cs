namespace Governance.Dispatch.Data;

/// <summary>The SQL of board notes: what a unit's board shows about cases besides those it holds.</summary>
public static class BoardNoteStore
{
    public static Task AddAsync(UnitOfWork uow, BoardNote n) => uow.ExecuteAsync("""
        INSERT INTO board_notes (id, incident_id, unit_code, tier, kind, sequence, actor, note, at_ms)
        VALUES (@Id, @IncidentId, @UnitCode, @Tier, @Kind, @Sequence, @Actor, @Note, @AtMs)
        """, new
    {
        Id = Guid.CreateVersion7(), n.IncidentId, n.UnitCode, Tier = Codes.Of(n.Tier), n.Kind, n.Sequence, n.Actor, n.Note,
        AtMs = n.At.ToUnixTimeMilliseconds(),
    });

    /// <summary>The units already holding a note of this kind about the case.</summary>
    public static async Task<IReadOnlySet<string>> UnitsWithAsync(DbSession session, Guid incidentId, string kind) =>
        (await session.QueryAsync<string>("SELECT unit_code FROM board_notes WHERE incident_id = @incidentId AND kind = @kind",
            new { incidentId, kind })).ToHashSet(StringComparer.Ordinal);

    /// <summary>The SQL condition "this assignment row (alias a) has a live note for @unitCode": a
    /// notified-above note, or one of the case's current assignment.</summary>
    public const string LiveNoteFor = """
        EXISTS (SELECT 1 FROM board_notes n WHERE n.incident_id = a.incident_id AND n.unit_code = @unitCode
                AND (n.kind = 'notified-above' OR n.sequence = a.sequence))
        """;

    private sealed class Row
    {
        public Guid IncidentId { get; init; }
        public string UnitCode { get; init; } = default!;
        public string Tier { get; init; } = default!;
        public string Kind { get; init; } = default!;
        public int Sequence { get; init; }
        public string Actor { get; init; } = default!;
        public string? Note { get; init; }
        public long AtMs { get; init; }
    }

    /// <summary>The live notes of a unit's board about its open cases, oldest first.</summary>
    public static async Task<IReadOnlyList<BoardNote>> LiveForUnitAsync(DbSession session, string unitCode) =>
        (await session.QueryAsync<Row>("""
            SELECT n.incident_id AS IncidentId, n.unit_code AS UnitCode, n.tier AS Tier, n.kind AS Kind, n.sequence AS Sequence,
                   n.actor AS Actor, n.note AS Note, n.at_ms AS AtMs
            FROM board_notes n JOIN assignments a ON a.incident_id = n.incident_id
            WHERE n.unit_code = @unitCode AND a.status IN ('active', 'overdue') AND (n.kind = 'notified-above' OR n.sequence = a.sequence)
            ORDER BY n.at_ms
            """, new { unitCode }))
        .Select(r => new BoardNote(r.IncidentId, r.UnitCode, Codes.TryParse<Tier>(r.Tier, out var tier) ? tier : Tier.County, r.Kind,
            r.Sequence, r.Actor, r.Note, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs))).ToList();
}
