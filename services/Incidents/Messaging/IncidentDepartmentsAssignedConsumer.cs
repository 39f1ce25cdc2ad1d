using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentDepartmentsAssignedConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentDepartmentsAssigned>(runner)
{
    protected override Task HandleAsync(IncidentDepartmentsAssigned message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.DepartmentsAssignedAsync(uow, message);
}
