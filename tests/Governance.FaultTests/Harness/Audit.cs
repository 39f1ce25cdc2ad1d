using Dapper;
using Governance.Contracts;
using Governance.Incidents.Model;

namespace Governance.FaultTests.Harness;

/// <summary>
/// What the two databases say happened to the cases, counted after the system settled.
/// <para><b>Lost</b>: a case that got 201 but that Dispatch never assigned or Incidents still shows
/// as "filed"; or (any case) whose newest assignment or overdue flag in Dispatch never reached
/// Incidents, i.e. an IncidentRouted, IncidentEscalated or IncidentFlaggedOverdue that went missing.</para>
/// <para><b>Duplicated</b>: a case (any case in the scenario's databases) with an
/// assignment-creating effect counted twice: more than one IncidentRouted, IncidentEscalated or
/// IncidentFlaggedOverdue with the same sequence in Dispatch's outbox; more than one escalation
/// from the same tier; Incidents' timeline showing more assignments or escalations than Dispatch
/// announced; the same yellow or red card shown twice on one tier; or an assignment whose sequence
/// is not 1 + its escalations.</para>
/// </summary>
public sealed class Audit
{
    public required int Cases { get; init; }
    public required IReadOnlyList<Guid> Lost { get; init; }
    public required IReadOnlyList<Guid> Duplicated { get; init; }
    /// <summary>Cases in Incidents' database still "filed", whether or not their filing got its
    /// 201 to the client (a process killed after the commit): the outbox must route those too.</summary>
    public required IReadOnlyList<Guid> UnroutedInDatabase { get; init; }
    /// <summary>Escalation rows per case in Dispatch's database.</summary>
    public required IReadOnlyDictionary<Guid, int> Escalations { get; init; }
    /// <summary>Why each lost or duplicated case counts as such (the first few are printed).</summary>
    public required IReadOnlyList<string> Findings { get; init; }

    /// <summary>The scenario's figures: <c>fault=a cases=300 lost=0 duplicated=0 seconds=41 ...</c>.</summary>
    public string Line(string fault, TimeSpan took, string extra = "") =>
        $"fault={fault} cases={Cases} lost={Lost.Count} duplicated={Duplicated.Count} seconds={took.TotalSeconds:0}{(extra.Length > 0 ? " " + extra : "")}";

    /// <summary>Prints the figures (and the first findings), then asserts lost = duplicated = 0.</summary>
    public void Report(string fault, TimeSpan took, string extra = "")
    {
        TestContext.Out.WriteLine(Line(fault, took, extra));
        foreach (var finding in Findings.Take(10)) TestContext.Out.WriteLine($"  {finding}");
        Assert.Multiple(() =>
        {
            Assert.That(Lost, Is.Empty, $"fault={fault}: cases answered 201 but never routed");
            Assert.That(Duplicated, Is.Empty, $"fault={fault}: cases with an effect counted twice");
            Assert.That(UnroutedInDatabase, Is.Empty, $"fault={fault}: stored cases never routed");
        });
    }

    private sealed record CaseRow(Guid Id, string Status, int AssignmentSequence, bool Flagged);
    private sealed record Count(Guid Id, string Key, int Sequence, long N);
    private sealed record AssignmentRow(Guid Id, int Sequence, bool Overdue);

    private static readonly string Routed = typeof(IncidentRouted).FullName!, Escalated = typeof(IncidentEscalated).FullName!,
        Flagged = typeof(IncidentFlaggedOverdue).FullName!;

    public static async Task<Audit> TakeAsync(FaultCluster cluster, IReadOnlyCollection<Guid> filed)
    {
        var cases = (await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<CaseRow>(
            "SELECT id AS Id, status AS Status, assignment_sequence AS AssignmentSequence, flagged_overdue_at_ms IS NOT NULL AS Flagged FROM incidents")))
            .ToDictionary(r => r.Id);
        var timeline = (await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<Count>(
            "SELECT incident_id AS Id, action AS Key, 0 AS Sequence, COUNT(*) AS N FROM timeline GROUP BY incident_id, action"))).ToList();
        var assignments = (await cluster.QueryAsync(FaultCluster.Dispatch, c => c.QueryAsync<AssignmentRow>(
            "SELECT incident_id AS Id, sequence AS Sequence, status = 'overdue' AS Overdue FROM assignments"))).ToDictionary(r => r.Id);
        var announcements = (await cluster.QueryAsync(FaultCluster.Dispatch, c => c.QueryAsync<Count>("""
            SELECT (body::jsonb->>'incidentId')::uuid AS Id, message_type AS Key,
                   COALESCE((body::jsonb->>'sequence')::int, 0) AS Sequence, COUNT(*) AS N
            FROM outbox_messages WHERE message_type = ANY(@types) GROUP BY 1, 2, 3
            """, new { types = new[] { Routed, Escalated, Flagged } }))).ToList();
        // Yellow and red cards: one of each per tier a case passes through (no reopening in these scenarios).
        var cards = (await cluster.QueryAsync(FaultCluster.Dispatch, c => c.QueryAsync<Count>("""
            SELECT (body::jsonb->>'incidentId')::uuid AS Id, (body::jsonb->>'level') || ' card on ' || (body::jsonb->>'tier') AS Key,
                   0 AS Sequence, COUNT(*) AS N
            FROM outbox_messages WHERE message_type = @type GROUP BY 1, 2
            """, new { type = typeof(DeadlineWarning).FullName }))).ToList();
        var escalations = (await cluster.QueryAsync(FaultCluster.Dispatch, c => c.QueryAsync<Count>(
            "SELECT incident_id AS Id, from_tier AS Key, 0 AS Sequence, COUNT(*) AS N FROM escalations GROUP BY incident_id, from_tier"))).ToList();

        var findings = new List<string>();
        var lost = new List<Guid>();
        foreach (var id in filed.Distinct())
        {
            if (!cases.TryGetValue(id, out var row)) { lost.Add(id); findings.Add($"lost {id}: answered 201 but not in Incidents' database"); }
            else if (row.Status == "filed" || !assignments.ContainsKey(id))
            {
                lost.Add(id);
                findings.Add($"lost {id}: Incidents status {row.Status}, Dispatch assignment {(assignments.ContainsKey(id) ? "present" : "missing")}");
            }
        }

        foreach (var (id, assignment) in assignments)
        {
            if (lost.Contains(id) || !cases.TryGetValue(id, out var row)) continue;
            if (row.AssignmentSequence < assignment.Sequence || (assignment.Overdue && !row.Flagged))
            {
                lost.Add(id);
                findings.Add($"lost {id}: Dispatch has assignment {assignment.Sequence}{(assignment.Overdue ? " flagged overdue" : "")}, " +
                    $"Incidents shows {row.AssignmentSequence}{(row.Flagged ? " flagged overdue" : "")}");
            }
        }

        var duplicated = new HashSet<Guid>();
        void Duplicate(Guid id, string why) { if (duplicated.Add(id)) findings.Add($"duplicated {id}: {why}"); }
        foreach (var a in announcements.Where(a => a.N > 1))
            Duplicate(a.Id, $"{a.N} × {a.Key.Split('.').Last()} sequence {a.Sequence} in Dispatch's outbox");
        foreach (var card in cards.Where(c => c.N > 1))
            Duplicate(card.Id, $"{card.N} × {card.Key}");
        foreach (var e in escalations.Where(e => e.N > 1))
            Duplicate(e.Id, $"{e.N} escalations from {e.Key}");

        var announced = announcements.GroupBy(a => (a.Id, a.Key)).ToDictionary(g => g.Key, g => g.Count());
        int Announced(Guid id, string type) => announced.GetValueOrDefault((id, type));
        foreach (var t in timeline)
        {
            var (type, what) = t.Key switch
            {
                TimelineAction.Assigned => (Routed, "assignments"),
                TimelineAction.Escalated => (Escalated, "escalations"),
                TimelineAction.FlaggedOverdue => (Flagged, "overdue flags"),
                _ => (null, null),
            };
            if (type is not null && t.N > Announced(t.Id, type))
                Duplicate(t.Id, $"Incidents' timeline shows {t.N} {what}, Dispatch announced {Announced(t.Id, type)}");
        }

        var escalationsPerCase = escalations.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => (int)g.Sum(e => e.N));
        foreach (var (id, assignment) in assignments)
        {
            var climbed = escalationsPerCase.GetValueOrDefault(id);
            if (assignment.Sequence != 1 + climbed)
                Duplicate(id, $"assignment sequence {assignment.Sequence} after {climbed} escalation(s)");
        }

        return new Audit
        {
            Cases = filed.Distinct().Count(), Lost = lost, Duplicated = duplicated.ToList(),
            UnroutedInDatabase = cases.Values.Where(c => c.Status == "filed").Select(c => c.Id).ToList(),
            Escalations = escalationsPerCase, Findings = findings,
        };
    }
}
