using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Handling;
using Governance.Infrastructure.Messaging;

namespace Governance.Dispatch.Messaging;

/// <summary>The case was re-graded: record the grade; if the new grade starts above the case's
/// tier (under the policy the case started with), move it up there at once.</summary>
public sealed class IncidentRegradedConsumer(UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator, PolicyStore policies)
    : TransactionalConsumer<DispatchDatabase, IncidentRegraded>(runner)
{
    protected override async Task HandleAsync(IncidentRegraded message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId) with { Grade = message.To };
        await AssignmentStore.UpdateAsync(uow.Connection, uow.Transaction, assignment, uow.Now);
        var policy = await policies.VersionAsync(uow.Connection, assignment.PolicyVersion, uow.Transaction);
        var lowest = policy.Decide(assignment.Category, message.To).Tier;
        if (lowest > assignment.Tier && assignment.Status is Model.AssignmentStatus.Active or Model.AssignmentStatus.Overdue)
            await escalator.MoveUpToAsync(uow, assignment, lowest, EscalationReason.Regraded, message.Reason);
    }
}
