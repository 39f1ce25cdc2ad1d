using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class DepartmentCheckedInConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, DepartmentCheckedIn>(runner)
{
    protected override Task HandleAsync(DepartmentCheckedIn message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.DepartmentCheckedInAsync(uow, message);
}
