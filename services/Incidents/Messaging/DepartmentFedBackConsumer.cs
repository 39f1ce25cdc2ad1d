using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class DepartmentFedBackConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, DepartmentFedBack>(runner)
{
    protected override Task HandleAsync(DepartmentFedBack message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.DepartmentFedBackAsync(uow, message);
}
