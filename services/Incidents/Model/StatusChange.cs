namespace Governance.Incidents.Model;

/// <summary>
/// A change of a case's status as its Open311 client is told of it (issue #14, status back to the
/// hotline): queued in the change's transaction, written out and signed when sent.
/// </summary>
/// <param name="Sequence">The case's callback number (1, 2, …), given when it is queued.</param>
public sealed record StatusChange(Guid IncidentId, IncidentStatus Status, Tier? Tier, bool FlaggedOverdue, DateTimeOffset At, int Sequence = 0)
{
    /// <summary>The reporter of a case filed through Open311 starts with this (Open311's ServiceRequestsApi
    /// writes it): only such cases can have a client to call back, so the others cost no query.</summary>
    public const string Open311ReporterPrefix = "open311:";

    public static bool Follows(Incident incident) => incident.ReportedBy.StartsWith(Open311ReporterPrefix, StringComparison.Ordinal);

    public static StatusChange Of(Incident incident, DateTimeOffset at) =>
        new(incident.Id, incident.Status, incident.Tier, incident.FlaggedOverdueAt is not null, at);
}
