namespace Governance.Dispatch.Notices;

/// <summary>
/// One thing worth telling people about a case, as it stood when it happened: the snapshot a
/// delivery keeps and every channel's message is written from. <see cref="Tier"/> and
/// <see cref="HandlingUnitCode"/> are where the case is now (after a move: where it arrived);
/// <see cref="PlaceCode"/> is where it happened, which subscriptions match by unit.
/// </summary>
public sealed record Notice(
    Guid IncidentId, NoticeKind Kind, Category Category, Grade Grade, Tier Tier, string HandlingUnitCode, string PlaceCode,
    DateTimeOffset? DueAt, DateTimeOffset At)
{
    /// <summary>Counts the case's assignments (1 = routed): tells a new case from a reopened one.</summary>
    public int Sequence { get; init; }
    /// <summary>The tier a case left (escalated, returned).</summary>
    public Tier? FromTier { get; init; }
    public EscalationReason? Reason { get; init; }
    /// <summary>Free text that came with the event: the handler's reason, the return reason, the supervision note.</summary>
    public string? Note { get; init; }
    /// <summary>Who acted, when a person did.</summary>
    public string? By { get; init; }
    /// <summary>What the policy does about a missed deadline of this case (cards; null: escalate, as before it existed).</summary>
    public MissedDeadlineAction? OnMissed { get; init; }
    /// <summary>超期预警: the clock that ran out and the tier the case was flagged to.</summary>
    public DeadlineKind? Clock { get; init; }
    public Tier? FlaggedToTier { get; init; }
    public string? HandlingUnitName { get; init; }
    public string? PlaceName { get; init; }

    /// <summary>A notice about the case as its assignment stands; the event's own facts override these.</summary>
    public static Notice Of(Assignment a, NoticeKind kind, DateTimeOffset at) =>
        new(a.IncidentId, kind, a.Category, a.Grade, a.Tier, a.UnitCode, a.PlaceCode, a.DueAt, at) { Sequence = a.Sequence };
}
