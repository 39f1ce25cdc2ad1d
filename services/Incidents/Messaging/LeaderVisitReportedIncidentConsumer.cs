using Governance.Incidents.Handling;
using Governance.Infrastructure.Authority;

namespace Governance.Incidents.Messaging;

/// <summary>A leader's visit (下沉走访) found a problem: file it as a case at the grid or courtyard Grids
/// named, reported by the leader (<see cref="VisitFiling"/>: once, whatever the redeliveries). The duplicate
/// hint names only cases he may read as the leader of the linked unit above it.</summary>
public sealed class LeaderVisitReportedIncidentConsumer(UnitOfWorkRunner<IncidentsDatabase> runner,
    Microsoft.Extensions.Options.IOptions<DuplicateOptions> duplicates)
    : TransactionalConsumer<IncidentsDatabase, LeaderVisitReportedIncident>(runner)
{
    protected override Task HandleAsync(LeaderVisitReportedIncident message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        VisitFiling.FileAsync(uow, message.IncidentId,
            new FileIncident(message.UnitCode, message.Category, message.Grade, message.Title, message.Description, Location: null),
            message.ReportedBy, $"Leader visit {message.VisitId}", duplicates.Value,
            _ => new Person(message.ReportedBy, [], [], LeaderUnits: [message.LinkedUnitCode]));
}
