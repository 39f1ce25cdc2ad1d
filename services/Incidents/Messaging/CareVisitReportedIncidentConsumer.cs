using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

/// <summary>A grid worker's visit to a care subject found a problem: file it as a case at the subject's
/// courtyard (<see cref="VisitFiling"/>: once, whatever the redeliveries).</summary>
public sealed class CareVisitReportedIncidentConsumer(UnitOfWorkRunner<IncidentsDatabase> runner,
    Microsoft.Extensions.Options.IOptions<DuplicateOptions> duplicates)
    : TransactionalConsumer<IncidentsDatabase, CareVisitReportedIncident>(runner)
{
    protected override Task HandleAsync(CareVisitReportedIncident message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        VisitFiling.FileAsync(uow, message.IncidentId,
            new FileIncident(message.CourtyardCode, message.Category, message.Grade, message.Title, message.Description, Location: null),
            message.ReportedBy, $"Care visit {message.VisitId}", duplicates.Value, filing => Filing.Readers.GridWorker(message.ReportedBy, filing));
}
