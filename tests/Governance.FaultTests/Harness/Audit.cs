using Dapper;
using Governance.Incidents.Model;

namespace Governance.FaultTests.Harness;

/// <summary>
/// What the two databases say happened to the cases, counted after the system settled.
/// <para><b>Lost</b>: a case that got 201 but that Dispatch never assigned or Incidents still shows
/// as "filed"; or (any case) whose newest assignment, overdue flag or any escalation in Dispatch
/// never reached Incidents, i.e. an IncidentRouted, IncidentEscalated or IncidentFlaggedOverdue that
/// went missing.</para>
/// <para><b>Duplicated</b>, counted from what the consumers did (their effects in their own
/// databases), not from what was announced: a case (any case in the scenario's databases) whose
/// timeline in Incidents shows more than one assignment (no scenario reopens or sends back a case,
/// so Dispatch routes each case once), more escalations than Dispatch made, more than one overdue
/// flag, or the same yellow or red card twice on one tier (every message Incidents processes adds
/// its timeline entry, so a repeat it did not drop shows there); or, in Dispatch, more than one
/// escalation from the same tier, or an assignment whose sequence is not 1 + its escalations.</para>
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
    /// <summary>"assigned" entries per case on Incidents' timeline: the IncidentRouted messages it processed.</summary>
    public required IReadOnlyDictionary<Guid, int> Assigned { get; init; }
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
    private sealed record Count(Guid Id, string Key, long N);
    private sealed record AssignmentRow(Guid Id, int Sequence, bool Overdue);

    public static async Task<Audit> TakeAsync(FaultCluster cluster, IReadOnlyCollection<Guid> filed)
    {
        var cases = (await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<CaseRow>(
            "SELECT id AS Id, status AS Status, assignment_sequence AS AssignmentSequence, flagged_overdue_at_ms IS NOT NULL AS Flagged FROM incidents")))
            .ToDictionary(r => r.Id);
        // What Incidents did with Dispatch's news: one timeline entry per message it processed.
        var timeline = (await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<Count>(
            "SELECT incident_id AS Id, action AS Key, COUNT(*) AS N FROM timeline WHERE action = ANY(@actions) GROUP BY incident_id, action",
            new { actions = new[] { TimelineAction.Assigned, TimelineAction.Escalated, TimelineAction.FlaggedOverdue } }))).ToList();
        // Yellow and red cards: one of each per tier a case passes through (no reopening in these scenarios).
        var cards = (await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<Count>("""
            SELECT incident_id AS Id, reason || ' card on ' || COALESCE(tier, '?') AS Key, COUNT(*) AS N
            FROM timeline WHERE action = @warning GROUP BY incident_id, reason, tier
            """, new { warning = TimelineAction.Warning }))).ToList();
        var assignments = (await cluster.QueryAsync(FaultCluster.Dispatch, c => c.QueryAsync<AssignmentRow>(
            "SELECT incident_id AS Id, sequence AS Sequence, status = 'overdue' AS Overdue FROM assignments"))).ToDictionary(r => r.Id);
        var escalations = (await cluster.QueryAsync(FaultCluster.Dispatch, c => c.QueryAsync<Count>(
            "SELECT incident_id AS Id, from_tier AS Key, COUNT(*) AS N FROM escalations GROUP BY incident_id, from_tier"))).ToList();
        var escalationsPerCase = escalations.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => (int)g.Sum(e => e.N));
        var onTimeline = timeline.ToDictionary(t => (t.Id, t.Key), t => (int)t.N);
        int OnTimeline(Guid id, string action) => onTimeline.GetValueOrDefault((id, action));

        var findings = new List<string>();
        var lost = new List<Guid>();
        void Lose(Guid id, string why) { if (!lost.Contains(id)) { lost.Add(id); findings.Add($"lost {id}: {why}"); } }
        foreach (var id in filed.Distinct())
        {
            if (!cases.TryGetValue(id, out var row)) Lose(id, "answered 201 but not in Incidents' database");
            else if (row.Status == "filed" || !assignments.ContainsKey(id))
                Lose(id, $"Incidents status {row.Status}, Dispatch assignment {(assignments.ContainsKey(id) ? "present" : "missing")}");
        }

        foreach (var (id, assignment) in assignments)
        {
            if (lost.Contains(id) || !cases.TryGetValue(id, out var row)) continue;
            if (row.AssignmentSequence < assignment.Sequence || (assignment.Overdue && !row.Flagged))
                Lose(id, $"Dispatch has assignment {assignment.Sequence}{(assignment.Overdue ? " flagged overdue" : "")}, " +
                    $"Incidents shows {row.AssignmentSequence}{(row.Flagged ? " flagged overdue" : "")}");
            else if (OnTimeline(id, TimelineAction.Escalated) < escalationsPerCase.GetValueOrDefault(id))
                Lose(id, $"Dispatch made {escalationsPerCase.GetValueOrDefault(id)} escalation(s), Incidents' timeline shows {OnTimeline(id, TimelineAction.Escalated)}");
        }

        var duplicated = new HashSet<Guid>();
        void Duplicate(Guid id, string why) { if (duplicated.Add(id)) findings.Add($"duplicated {id}: {why}"); }
        foreach (var t in timeline)
        {
            if (t.Key == TimelineAction.Assigned && t.N > 1)
                Duplicate(t.Id, $"Incidents' timeline shows {t.N} assignments, Dispatch routed it once");
            else if (t.Key == TimelineAction.Escalated && t.N > escalationsPerCase.GetValueOrDefault(t.Id))
                Duplicate(t.Id, $"Incidents' timeline shows {t.N} escalations, Dispatch made {escalationsPerCase.GetValueOrDefault(t.Id)}");
            else if (t.Key == TimelineAction.FlaggedOverdue && t.N > 1)
                Duplicate(t.Id, $"Incidents' timeline shows {t.N} overdue flags");
        }
        foreach (var card in cards.Where(c => c.N > 1))
            Duplicate(card.Id, $"Incidents' timeline shows {card.N} × {card.Key}");
        foreach (var e in escalations.Where(e => e.N > 1))
            Duplicate(e.Id, $"{e.N} escalations from {e.Key} in Dispatch");
        foreach (var (id, assignment) in assignments)
        {
            var climbed = escalationsPerCase.GetValueOrDefault(id);
            if (assignment.Sequence != 1 + climbed)
                Duplicate(id, $"assignment sequence {assignment.Sequence} after {climbed} escalation(s) in Dispatch");
        }

        return new Audit
        {
            Cases = filed.Distinct().Count(), Lost = lost, Duplicated = duplicated.ToList(),
            UnroutedInDatabase = cases.Values.Where(c => c.Status == "filed").Select(c => c.Id).ToList(),
            Escalations = escalationsPerCase, Findings = findings,
            Assigned = timeline.Where(t => t.Key == TimelineAction.Assigned).ToDictionary(t => t.Id, t => (int)t.N),
        };
    }
}
