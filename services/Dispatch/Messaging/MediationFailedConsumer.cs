using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Handling;
using Governance.Dispatch.Model;
using Governance.Infrastructure.Messaging;

namespace Governance.Dispatch.Messaging;

/// <summary>Village mediation reached no agreement: the dispute goes up to the township.</summary>
public sealed class MediationFailedConsumer(UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator)
    : TransactionalConsumer<DispatchDatabase, MediationFailed>(runner)
{
    protected override async Task HandleAsync(MediationFailed message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        if (assignment.Tier == Tier.Village && assignment.Status is AssignmentStatus.Active or AssignmentStatus.Overdue)
            await escalator.MoveUpToAsync(uow, assignment, Tier.Township, EscalationReason.MediationFailed, "调解未达成协议，转镇司法所");
    }
}
