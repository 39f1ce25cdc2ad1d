using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Model;
using Governance.Infrastructure.Authority;

namespace Governance.Incidents.Apis;

// Request bodies. Fields are strings and nullable so that a wrong or missing value is reported
// by name in a validation problem, rather than failing inside the JSON reader.

/// <param name="Crs">The coordinate system: "wgs84" (GPS, the default) or "gcj02" (Chinese web maps),
/// converted to WGS-84 as stored (docs/coordinates.md).</param>
public sealed record LocationRequest(double? Lat, double? Lng, string? Crs = null);

/// <param name="Resolution">The grid worker settled it on the spot (即知即办): what was done. The case
/// is closed at the courtyard tier at once.</param>
public sealed record FileIncidentRequest(
    string? UnitCode, string? Category, string? Grade, string? Title, string? Description, LocationRequest? Location,
    string? Resolution = null);

public sealed record ResolveRequest(string? Note);

public sealed record EscalationRequest(string? Reason);

/// <param name="Approve">true: the tier above takes the case; false: declined, with a reason.</param>
public sealed record MoveUpDecisionRequest(bool? Approve, string? Reason);

/// <summary>反馈: a progress note on the case's timeline.</summary>
public sealed record NoteRequest(string? Text);

/// <param name="Result">solved, partly-solved or not-solved.</param>
/// <param name="Satisfaction">The resident's satisfaction: satisfied, basically-satisfied or dissatisfied.</param>
/// <param name="Satisfied">Shorthand kept for simple clients: true = solved and satisfied, false = not solved.</param>
public sealed record VerificationRequest(string? Result, string? Satisfaction, string? Comment, bool? Satisfied = null);

public sealed record RegradeRequest(string? Grade, string? Reason);

public sealed record CasualtiesRequest(int? Deaths, int? SeriouslyInjured, long? DirectLossYuan);

/// <summary>A case as the API shows it: the case, its timeline and its photos (without their bytes:
/// GET /incidents/{id}/photos/{photoId} answers those), and what the caller may do to it now.
/// List items have the same shape with empty timeline, reporters and photos.</summary>
public sealed record IncidentView(
    Guid Id, string UnitCode, Category Category, Grade Grade, string Title, string Description, Location? Location,
    IncidentStatus Status, Tier? Tier, string? HandlingUnitCode, DateTimeOffset? DueAt, DateTimeOffset? FlaggedOverdueAt,
    string ReportedBy, DateTimeOffset FiledAt, DateTimeOffset UpdatedAt, string? ResolvedBy, bool ResolvedOnTheSpot,
    int NotSolvedCount, Satisfaction? Satisfaction, DateTimeOffset? SupervisedAt, string? LeadDepartmentCode, Casualties? Casualties,
    Guid? PossibleDuplicateOf, Guid? MergedInto, IReadOnlyList<ReporterStore.Reporter> Reporters, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<PhotoInfo> Photos, bool Overdue, IReadOnlyList<CaseAction> AllowedActions)
{
    public static IncidentView Of(Incident i, IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<ReporterStore.Reporter> reporters,
        IReadOnlyList<PhotoInfo>? photos = null, IReadOnlyList<CaseAction>? allowedActions = null) => new(
        i.Id, i.UnitCode, i.Category, i.Grade, i.Title, i.Description, i.Location, i.Status, i.Tier, i.HandlingUnitCode, i.DueAt,
        i.FlaggedOverdueAt, i.ReportedBy, i.FiledAt, i.UpdatedAt, i.ResolvedBy, i.ResolvedOnTheSpot, i.NotSolvedCount, i.Satisfaction,
        i.SupervisedAt, i.LeadDepartmentCode, i.Casualties, i.PossibleDuplicateOf, i.MergedInto, reporters, timeline, photos ?? [], i.Overdue, allowedActions ?? []);
}

public sealed record MergeRequest(Guid? Into);

public sealed record MediationRequest(IReadOnlyList<string>? Mediators, IReadOnlyList<string>? Parties, DateTimeOffset? ScheduledAt);

public sealed record MediationOutcomeRequest(bool? Reached, string? Agreement);
