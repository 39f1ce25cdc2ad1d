using Governance.Dispatch.Handling;

namespace Governance.Dispatch.Messaging;

/// <summary>Village mediation reached no agreement: the dispute goes up to the township, whose
/// justice office (司法所) leads from there.</summary>
public sealed class MediationFailedConsumer(UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator, DepartmentCalls departments)
    : TransactionalConsumer<DispatchDatabase, MediationFailed>(runner)
{
    private const string By = SystemActors.MediationFailed;

    protected override async Task HandleAsync(MediationFailed message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        if (assignment.Tier != Tier.Village || assignment.Status is not (AssignmentStatus.Active or AssignmentStatus.Overdue)) return;
        await escalator.MoveUpToAsync(uow, assignment, Tier.Township, EscalationReason.MediationFailed, "调解未达成协议，转镇司法所", By);
        var moved = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        if (await DepartmentCopyStore.HandlerOfAsync(uow, moved.UnitCode, Category.Dispute) is { } justiceOffice)
            await departments.AssignAsync(uow, moved, justiceOffice, [], By);
    }
}
