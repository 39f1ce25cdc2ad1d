using System.Data.Common;
using Dapper;
using Governance.Contracts;
using Governance.Dispatch.Model;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Hosting;

namespace Governance.Dispatch.Data;

/// <summary>The SQL of assignments and escalations, in one place.</summary>
public static class AssignmentStore
{
    private const string Columns = """
        incident_id AS IncidentId, place_code AS PlaceCode, category AS Category, grade AS Grade, tier AS Tier,
        unit_code AS UnitCode, due_at_ms AS DueAtMs, status AS Status, sequence AS Sequence,
        policy_version AS PolicyVersion, accepted_at_ms AS AcceptedAtMs
        """;

    private sealed class Row
    {
        public Guid IncidentId { get; init; }
        public string PlaceCode { get; init; } = default!;
        public string Category { get; init; } = default!;
        public string Grade { get; init; } = default!;
        public string Tier { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public long DueAtMs { get; init; }
        public string Status { get; init; } = default!;
        public int Sequence { get; init; }
        public int PolicyVersion { get; init; }
        public long? AcceptedAtMs { get; init; }

        public Assignment ToAssignment() => new(IncidentId, PlaceCode, Parse<Category>(Category), Parse<Grade>(Grade),
            Parse<Tier>(Tier), UnitCode, DateTimeOffset.FromUnixTimeMilliseconds(DueAtMs), Status, Sequence, PolicyVersion,
            AcceptedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private static T Parse<T>(string code) where T : struct, Enum =>
        Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Stored {typeof(T).Name} '{code}' is unknown");

    private static object Parameters(Assignment a, DateTimeOffset now) => new
    {
        a.IncidentId, a.PlaceCode, Category = Codes.Of(a.Category), Grade = Codes.Of(a.Grade), Tier = Codes.Of(a.Tier),
        a.UnitCode, DueAtMs = a.DueAt.ToUnixTimeMilliseconds(), a.Status, a.Sequence, a.PolicyVersion,
        AcceptedAtMs = a.AcceptedAt?.ToUnixTimeMilliseconds(), UpdatedAtMs = now.ToUnixTimeMilliseconds(),
    };

    public static Task InsertAsync(DbConnection c, DbTransaction t, Assignment a, DateTimeOffset now) => c.ExecuteAsync("""
        INSERT INTO assignments (incident_id, place_code, category, grade, tier, unit_code, due_at_ms, status, sequence, policy_version, accepted_at_ms, updated_at_ms)
        VALUES (@IncidentId, @PlaceCode, @Category, @Grade, @Tier, @UnitCode, @DueAtMs, @Status, @Sequence, @PolicyVersion, @AcceptedAtMs, @UpdatedAtMs)
        """, Parameters(a, now), t);

    public static Task UpdateAsync(DbConnection c, DbTransaction t, Assignment a, DateTimeOffset now) => c.ExecuteAsync("""
        UPDATE assignments SET tier = @Tier, unit_code = @UnitCode, due_at_ms = @DueAtMs, status = @Status,
            sequence = @Sequence, accepted_at_ms = @AcceptedAtMs, updated_at_ms = @UpdatedAtMs
        WHERE incident_id = @IncidentId
        """, Parameters(a, now), t);

    public static async Task<Assignment?> FindAsync(DbConnection c, Guid incidentId, DbTransaction? t = null)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM assignments WHERE incident_id = @incidentId", new { incidentId }, t);
        return row?.ToAssignment();
    }

    /// <summary>Claims running clocks that fell due, locked so a second sweeper skips them.</summary>
    public static async Task<IReadOnlyList<Assignment>> ClaimDueAsync(DbConnection c, DbTransaction t, DatabaseProvider provider, DateTimeOffset now, int limit)
    {
        var sql = Sql.ClaimRows(provider, Columns, "assignments", "status = 'active' AND due_at_ms <= @Now", "due_at_ms", limit);
        return (await c.QueryAsync<Row>(sql, new { Now = now.ToUnixTimeMilliseconds() }, t)).Select(r => r.ToAssignment()).ToList();
    }

    /// <summary>The cases a unit is handling now, the most urgent first.</summary>
    public static async Task<IReadOnlyList<Assignment>> QueueAsync(DbConnection c, DatabaseProvider provider, string unitCode, int limit)
    {
        var sql = $"SELECT {Columns} FROM assignments WHERE unit_code = @unitCode AND status IN ('active', 'overdue') ORDER BY due_at_ms {Sql.Page(provider, limit)}";
        return (await c.QueryAsync<Row>(sql, new { unitCode })).Select(r => r.ToAssignment()).ToList();
    }

    public static Task InsertEscalationAsync(DbConnection c, DbTransaction t, Guid incidentId, Escalation e) => c.ExecuteAsync("""
        INSERT INTO escalations (id, incident_id, from_tier, to_tier, reason, note, at_ms)
        VALUES (@Id, @IncidentId, @FromTier, @ToTier, @Reason, @Note, @AtMs)
        """, new
    {
        Id = Guid.CreateVersion7(), IncidentId = incidentId, FromTier = Codes.Of(e.FromTier), ToTier = Codes.Of(e.ToTier),
        Reason = Codes.Of(e.Reason), e.Note, AtMs = e.At.ToUnixTimeMilliseconds(),
    }, t);

    private sealed class EscalationRow
    {
        public string FromTier { get; init; } = default!;
        public string ToTier { get; init; } = default!;
        public string Reason { get; init; } = default!;
        public string? Note { get; init; }
        public long AtMs { get; init; }
    }

    public static async Task<IReadOnlyList<Escalation>> EscalationsAsync(DbConnection c, Guid incidentId)
    {
        var rows = await c.QueryAsync<EscalationRow>(
            "SELECT from_tier AS FromTier, to_tier AS ToTier, reason AS Reason, note AS Note, at_ms AS AtMs FROM escalations WHERE incident_id = @incidentId ORDER BY at_ms",
            new { incidentId });
        return rows.Select(r => new Escalation(Parse<Tier>(r.FromTier), Parse<Tier>(r.ToTier), Parse<EscalationReason>(r.Reason), r.Note,
            DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs))).ToList();
    }
}
