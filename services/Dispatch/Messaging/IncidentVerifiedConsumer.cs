using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Handling;
using Governance.Dispatch.Model;
using Governance.Infrastructure.Messaging;

namespace Governance.Dispatch.Messaging;

/// <summary>The result was checked: satisfied closes the assignment, not satisfied starts the
/// tier's clock again.</summary>
public sealed class IncidentVerifiedConsumer(UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator)
    : TransactionalConsumer<DispatchDatabase, IncidentVerified>(runner)
{
    protected override async Task HandleAsync(IncidentVerified message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        if (message.Satisfied)
            await AssignmentStore.UpdateAsync(uow.Connection, uow.Transaction, assignment with { Status = AssignmentStatus.Closed }, uow.Now);
        else
            await escalator.RestartClockAsync(uow, assignment);
    }
}
