namespace Governance.Contracts;

/// <summary>A grid worker visiting a care subject (独居老人, 留守儿童 …) found a problem and filed it
/// with the visit. Grids chooses <see cref="IncidentId"/>, so a redelivered message cannot file the
/// case twice: Incidents files it only if no case has that id yet.</summary>
public sealed record CareVisitReportedIncident(
    Guid IncidentId, string CourtyardCode, Category Category, Grade Grade, string Title, string Description,
    string ReportedBy, Guid VisitId, DateTimeOffset At);
