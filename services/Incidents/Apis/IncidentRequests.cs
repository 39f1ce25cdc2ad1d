using Governance.Incidents.Handling;
using Governance.Infrastructure.Authority;

namespace Governance.Incidents.Apis;

// Request bodies. Fields are strings and nullable so that a wrong or missing value is reported
// by name in a validation problem, rather than failing inside the JSON reader.

/// <param name="Resolution">The grid worker settled it on the spot (即知即办): what was done. The case
/// is closed at the courtyard tier at once.</param>
/// <param name="Grade">IV (general) when left out: a hotline cannot know it, and most matters are general.</param>
/// <param name="AddressString">A hotline's call: the caller's address, placed on the unit it is a registered alias of.</param>
/// <param name="AddressId">A hotline's call: an id from the hotline's address book, placed the same way.</param>
public sealed record FileIncidentRequest(
    string? UnitCode, string? Category, string? Grade, string? Title, string? Description, LocationRequest? Location,
    string? Resolution = null, string? AddressString = null, string? AddressId = null)
{
    /// <summary>The command Filing takes: codes converted (null when they are not ours: Filing names the
    /// field), the location checked here. Null without a body. <paramref name="hotline"/>: a hotline's call, which
    /// may leave out the unit (it is placed by its location or address, or waits in triage).</summary>
    public static FileIncident? ToCommand(FileIncidentRequest? r, FieldErrors errors, bool hotline = false)
    {
        if (r is null)
        {
            errors.Add("body", ProblemTexts.JsonBodyRequired);
            return null;
        }
        Grade? grade = r.Grade is null ? Contracts.Grade.IV : Codes.TryParse<Grade>(r.Grade, out var given) ? given : null;
        return new FileIncident(r.UnitCode, Codes.TryParse<Category>(r.Category, out var category) ? category : null,
            grade, r.Title, r.Description, r.Location?.ToLocation(errors), r.Resolution,
            hotline ? new HotlineCall(r.AddressString, r.AddressId) : null);
    }
}

/// <param name="Crs">The coordinate system: "wgs84" (GPS, the default) or "gcj02" (Chinese web maps),
/// converted to WGS-84 as stored (docs/coordinates.md).</param>
public sealed record LocationRequest(double? Lat, double? Lng, string? Crs = null)
{
    public const string Wgs84 = "wgs84";
    public const string Gcj02 = "gcj02";

    /// <summary>A point on Earth in WGS-84, or null with what is wrong named in <paramref name="errors"/>.</summary>
    public Location? ToLocation(FieldErrors errors)
    {
        var crs = Crs?.Trim().ToLowerInvariant() ?? Wgs84;
        var crsOk = crs is Wgs84 or Gcj02;
        if (!crsOk) errors.Add("location.crs", IncidentsTexts.CrsKinds);
        if (!(Coordinates.Check(errors, "location.", Lat, Lng) && crsOk)) return null;
        var (wgsLat, wgsLng) = crs == Gcj02 ? Model.Gcj02.ToWgs84(Lat!.Value, Lng!.Value) : (Lat!.Value, Lng!.Value);
        return new Location(wgsLat, wgsLng);
    }
}

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
    IReadOnlyList<PhotoInfo> Photos, bool Overdue, IReadOnlyList<CaseAction> AllowedActions, CallerContact? Caller = null,
    InHandView? InHand = null)
{
    public static IncidentView Of(Incident i, IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<ReporterStore.Reporter> reporters,
        IReadOnlyList<PhotoInfo>? photos = null, IReadOnlyList<CaseAction>? allowedActions = null) => new(
        i.Id, i.UnitCode, i.Category, i.Grade, i.Title, i.Description, i.Location, i.Status, i.Tier, i.HandlingUnitCode, i.DueAt,
        i.FlaggedOverdueAt, i.ReportedBy, i.FiledAt, i.UpdatedAt, i.ResolvedBy, i.ResolvedOnTheSpot, i.NotSolvedCount, i.Satisfaction,
        i.SupervisedAt, i.LeadDepartmentCode, i.Casualties, i.PossibleDuplicateOf, i.MergedInto, reporters, timeline, photos ?? [], i.Overdue, allowedActions ?? []);
}

/// <summary>包案 on a case: the leader who took it in hand, since when, his instructions, and his sign-off (null while open).</summary>
public sealed record InHandView(string Leader, DateTimeOffset Since, string? Instructions, DateTimeOffset? SignedOffAt)
{
    public static InHandView? Of(CaseInHand? taken) =>
        taken is null ? null : new(taken.Leader, taken.Since, taken.Instructions, taken.SignedOffAt);
}

public sealed record MergeRequest(Guid? Into);

public sealed record MediationRequest(IReadOnlyList<string>? Mediators, IReadOnlyList<string>? Parties, DateTimeOffset? ScheduledAt);

public sealed record MediationOutcomeRequest(bool? Reached, string? Agreement);
