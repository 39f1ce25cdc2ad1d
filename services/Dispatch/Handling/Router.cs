using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Model;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Handling;

/// <summary>Gives a newly filed case its first assignment: the lowest tier the policy allows,
/// the place's unit on that tier, and that tier's deadline.</summary>
public sealed class Router(PolicyStore policies)
{
    public async Task RouteAsync(UnitOfWork<DispatchDatabase> uow, IncidentFiled filed)
    {
        // The same case filed twice under different message ids still gets one assignment.
        if (await AssignmentStore.FindAsync(uow.Connection, filed.IncidentId, uow.Transaction) is not null) return;

        var chain = await UnitCopyStore.ChainAsync(uow.Connection, uow.Provider, filed.UnitCode, uow.Transaction);
        if (chain.Count == 0)
            throw new ArrivedTooEarlyException($"Unit {filed.UnitCode} of incident {filed.IncidentId} is not in Dispatch's copy yet");

        var policy = await policies.CurrentAsync(uow.Connection, uow.Transaction);
        var decision = policy.Decide(filed.Category, filed.Grade);
        var unit = EscalationLadder.HandlingUnit(chain, decision.Tier)
            ?? throw new PermanentMessageException($"Unit {filed.UnitCode} has no {decision.Tier} above it");

        var assignment = new Assignment(filed.IncidentId, filed.UnitCode, filed.Category, filed.Grade, decision.Tier, unit.Code,
            uow.Now + decision.Deadline, AssignmentStatus.Active, 1, policy.Version, null);
        await AssignmentStore.InsertAsync(uow.Connection, uow.Transaction, assignment, uow.Now);
        await uow.PublishAsync(new IncidentRouted(assignment.IncidentId, assignment.Sequence, assignment.Tier, assignment.UnitCode,
            assignment.DueAt, policy.Version, uow.Now));
    }
}
