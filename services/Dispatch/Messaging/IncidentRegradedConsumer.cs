using Governance.Dispatch.Handling;

namespace Governance.Dispatch.Messaging;

/// <summary>The case was re-graded: record the grade; if the new grade starts above the case's
/// tier (under the policy the case started with), move it up there at once — never down: a graver
/// case does not go to a lower tier than it holds, and a lighter one stays where it is. The move is
/// the re-grading person's. A case re-graded into grade II or I is shown to every tier above its place.</summary>
public sealed class IncidentRegradedConsumer(UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator, PolicyStore policies)
    : TransactionalConsumer<DispatchDatabase, IncidentRegraded>(runner)
{
    protected override async Task HandleAsync(IncidentRegraded message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId) with { Grade = message.To };
        await AssignmentStore.UpdateAsync(uow, assignment, uow.Now);
        HistoryStore.Add(uow, assignment.IncidentId, new HistoryEntry(uow.Now, message.By,
            HistoryActions.Regraded, assignment.Tier, assignment.UnitCode, $"{Codes.Of(message.From)} → {Codes.Of(message.To)}: {message.Reason}"));
        if (assignment.Status is not (AssignmentStatus.Active or AssignmentStatus.Overdue)) return;
        var policy = await policies.VersionAsync(uow, assignment.PolicyVersion);
        var target = policy.TierAfterRegrade(assignment.Category, message.To, assignment.Tier);
        if (target > assignment.Tier)
            await escalator.MoveUpToAsync(uow, assignment, target, EscalationReason.Regraded, message.Reason, message.By);
        await AboveNotifier.NotifyAsync(uow, await AssignmentLookup.RequireAsync(uow, message.IncidentId), SystemActors.Regrading);
    }
}
