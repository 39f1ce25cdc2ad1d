using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Model;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Handling;

/// <summary>Moves a case one tier up for a recorded reason, or, at the county, flags it.</summary>
public sealed class Escalator(PolicyStore policies)
{
    public async Task EscalateAsync(UnitOfWork<DispatchDatabase> uow, Assignment assignment, EscalationReason reason, string? note)
    {
        if (EscalationLadder.Next(assignment.Tier) is not { } next)
        {
            // The county is the top. An overdue county case is flagged for supervision (督办);
            // a request to go higher has nowhere to go and changes nothing.
            if (reason == EscalationReason.DeadlinePassed)
            {
                await AssignmentStore.UpdateAsync(uow.Connection, uow.Transaction, assignment with { Status = AssignmentStatus.Overdue }, uow.Now);
                await uow.PublishAsync(new IncidentFlaggedOverdue(assignment.IncidentId, assignment.Tier, assignment.UnitCode, uow.Now));
            }
            return;
        }

        var chain = await UnitCopyStore.ChainAsync(uow.Connection, uow.Provider, assignment.PlaceCode, uow.Transaction);
        var unit = EscalationLadder.HandlingUnit(chain, next)
            ?? throw new ArrivedTooEarlyException($"No {next} unit above {assignment.PlaceCode} in Dispatch's copy");
        // The policy the case started under decides its deadlines for its whole life.
        var policy = await policies.VersionAsync(uow.Connection, assignment.PolicyVersion, uow.Transaction);

        var escalated = assignment with
        {
            Tier = next, UnitCode = unit.Code, DueAt = uow.Now + policy.DeadlineOn(next),
            Status = AssignmentStatus.Active, Sequence = assignment.Sequence + 1, AcceptedAt = null,
        };
        await AssignmentStore.UpdateAsync(uow.Connection, uow.Transaction, escalated, uow.Now);
        await AssignmentStore.InsertEscalationAsync(uow.Connection, uow.Transaction, assignment.IncidentId,
            new Escalation(assignment.Tier, next, reason, note, uow.Now));
        await uow.PublishAsync(new IncidentEscalated(assignment.IncidentId, escalated.Sequence, assignment.Tier, next, unit.Code,
            escalated.DueAt, reason, note, uow.Now));
    }

    /// <summary>Starts the tier's clock again (the resident was not satisfied: reopened on the same tier).</summary>
    public async Task RestartClockAsync(UnitOfWork<DispatchDatabase> uow, Assignment assignment)
    {
        var policy = await policies.VersionAsync(uow.Connection, assignment.PolicyVersion, uow.Transaction);
        var restarted = assignment with
        {
            DueAt = uow.Now + policy.DeadlineOn(assignment.Tier), Status = AssignmentStatus.Active,
            Sequence = assignment.Sequence + 1, AcceptedAt = null,
        };
        await AssignmentStore.UpdateAsync(uow.Connection, uow.Transaction, restarted, uow.Now);
        await uow.PublishAsync(new IncidentRouted(restarted.IncidentId, restarted.Sequence, restarted.Tier, restarted.UnitCode,
            restarted.DueAt, restarted.PolicyVersion, uow.Now));
    }
}
