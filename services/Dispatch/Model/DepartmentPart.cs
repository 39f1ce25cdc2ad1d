namespace Governance.Dispatch.Model;

/// <summary>
/// One department's part in a case (吹哨报到): called in as lead or co-handler with its own deadline
/// (the lead's is the case's), then its check-in (报到), feedback and finish. Parts belong to the unit
/// that called the departments in: when the case moves to another unit they end with it.
/// </summary>
public sealed record DepartmentPart(
    Guid IncidentId, string DepartmentCode, DepartmentRole Role, DateTimeOffset DueAt, DateTimeOffset CalledInAt,
    DateTimeOffset? CheckedInAt = null, string? CheckedInBy = null, DateTimeOffset? LastFeedbackAt = null, int FeedbackCount = 0,
    DateTimeOffset? FinishedAt = null, string? FinishedBy = null)
{
    public bool Finished => FinishedAt is not null;

    /// <summary>The deadline the department works to: a co-handler's own; the lead's is the case's,
    /// which moves when the case's clock restarts.</summary>
    public DateTimeOffset OwnDueAt(Assignment a) => Role == DepartmentRole.Lead ? a.DueAt : DueAt;
}
