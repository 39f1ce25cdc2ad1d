namespace Governance.Dispatch.Messaging;

/// <summary>Keeps Dispatch's copy of the departments current.</summary>
public sealed class DepartmentsUpsertedConsumer(UnitOfWorkRunner<DispatchDatabase> runner)
    : TransactionalConsumer<DispatchDatabase, DepartmentsUpserted>(runner)
{
    protected override Task HandleAsync(DepartmentsUpserted message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct) =>
        DepartmentCopyStore.UpsertAsync(uow, message.Departments);
}
