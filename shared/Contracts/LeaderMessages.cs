namespace Governance.Contracts;

/// <summary>A leader visiting a unit he is linked to (下沉走访, 联系点) found a problem and filed it on the
/// spot, at <see cref="UnitCode"/> (a grid or courtyard). Grids chooses <see cref="IncidentId"/>, so a
/// redelivered message cannot file the case twice; <see cref="LinkedUnitCode"/> is the linked unit the place
/// lies under (what the leader reads by his post).</summary>
public sealed record LeaderVisitReportedIncident(
    Guid IncidentId, string UnitCode, Category Category, Grade Grade, string Title, string Description,
    string ReportedBy, string LinkedUnitCode, Guid VisitId, DateTimeOffset At);
