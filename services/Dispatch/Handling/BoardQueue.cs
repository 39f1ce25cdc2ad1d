using Governance.Dispatch.Routing;

namespace Governance.Dispatch.Handling;

/// <summary>
/// One case on a unit's board (a command centre's or a village's queue). <see cref="View"/>: "holder"
/// (the unit handles it) or "above" (shown from above: a grade I/II case of a place below, a case to
/// urge, one flagged 超期预警). <see cref="Prompts"/>: the board notes that brought it or mark it —
/// notified-above, urge-prompt, overdue-flag, and on the holder's own board urged (催办 received).
/// </summary>
public sealed record QueueItem(Guid IncidentId, Category Category, Grade Grade, Tier Tier, string UnitCode, string PlaceCode,
    DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset? AcknowledgeBy, DateTimeOffset? AcceptedAt,
    WarningLevel? Warning, string Status, string? LeadDepartmentCode, DateTimeOffset? SupervisedAt,
    string View, IReadOnlyList<string> Prompts, DateTimeOffset? LastUrgedAt, int UrgeCount);

/// <summary>Builds a unit's board from its open cases and its live notes: most urgent first — red,
/// then yellow, then by grade (I before IV), then by due time.</summary>
public static class BoardQueue
{
    public const string Holder = "holder";
    public const string Above = "above";

    public static IReadOnlyList<QueueItem> Compose(string unitCode, IEnumerable<Assignment> cases, IReadOnlyList<BoardNote> notes, DateTimeOffset now)
    {
        var notesByCase = notes.ToLookup(n => n.IncidentId);
        return cases.Select(a =>
            {
                var holder = a.UnitCode == unitCode;
                var mine = notesByCase[a.IncidentId].ToList();
                // A unit told of a case it now holds needs no reminder that it was told.
                var prompts = mine.Select(n => n.Kind).Where(k => !(holder && k == BoardNoteKinds.NotifiedAbove)).Distinct().ToList();
                var urges = mine.Where(n => n.Kind == BoardNoteKinds.Urged).ToList();
                var warning = a.Status == AssignmentStatus.Overdue ? WarningLevel.Red : AssignmentClock.Warning(now, a.YellowAt, a.DueAt);
                return new QueueItem(a.IncidentId, a.Category, a.Grade, a.Tier, a.UnitCode, a.PlaceCode, a.StartedAt, a.DueAt,
                    a.AcknowledgeBy, a.AcceptedAt, warning, a.Status, a.LeadDepartmentCode, a.SupervisedAt,
                    holder ? Holder : Above, prompts, urges.Count == 0 ? null : urges.Max(u => u.At), urges.Count);
            })
            .OrderByDescending(i => i.Warning switch { WarningLevel.Red => 2, WarningLevel.Yellow => 1, _ => 0 })
            .ThenBy(i => (int)i.Grade).ThenBy(i => i.DueAt)
            .ToList();
    }
}
