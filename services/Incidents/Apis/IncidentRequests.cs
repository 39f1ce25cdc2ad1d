using Governance.Contracts;
using Governance.Incidents.Model;

namespace Governance.Incidents.Apis;

// Request bodies. Fields are strings and nullable so that a wrong or missing value is reported
// by name in a validation problem, rather than failing inside the JSON reader.

public sealed record LocationRequest(double? Lat, double? Lng);

public sealed record FileIncidentRequest(
    string? UnitCode, string? Category, string? Grade, string? Title, string? Description, LocationRequest? Location);

public sealed record ResolveRequest(string? Note);

public sealed record EscalationRequest(string? Reason);

public sealed record VerificationRequest(bool? Satisfied, string? Comment);

/// <summary>A case as the API shows it: the case and its timeline.</summary>
public sealed record IncidentView(
    Guid Id, string UnitCode, Category Category, Grade Grade, string Title, string Description, Location? Location,
    IncidentStatus Status, Tier? Tier, string? HandlingUnitCode, DateTimeOffset? DueAt, DateTimeOffset? FlaggedOverdueAt,
    string ReportedBy, DateTimeOffset FiledAt, DateTimeOffset UpdatedAt, IReadOnlyList<TimelineEntry> Timeline)
{
    public static IncidentView Of(Incident i, IReadOnlyList<TimelineEntry> timeline) => new(i.Id, i.UnitCode, i.Category, i.Grade,
        i.Title, i.Description, i.Location, i.Status, i.Tier, i.HandlingUnitCode, i.DueAt, i.FlaggedOverdueAt, i.ReportedBy,
        i.FiledAt, i.UpdatedAt, timeline);
}
