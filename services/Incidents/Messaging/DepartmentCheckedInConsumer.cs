using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Handling;
using Governance.Infrastructure.Messaging;

namespace Governance.Incidents.Messaging;

public sealed class DepartmentCheckedInConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, DepartmentCheckedIn>(runner)
{
    protected override Task HandleAsync(DepartmentCheckedIn message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.DepartmentCheckedInAsync(uow, message);
}
