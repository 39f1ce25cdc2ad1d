using Governance.Dispatch.Routing;

namespace Governance.Dispatch.Handling;

/// <summary>
/// What the sweeper does when a clock of a case passes, as the policy the case started under says
/// (<c>onMissedDeadline</c>, per rule for its category and grade): supervise — it stays with its unit,
/// the tier above is prompted to urge at yellow and the case is flagged 超期预警 to it when a clock runs
/// out — or escalate — it moves up one tier (at the county, which has nowhere higher, it is flagged).
/// </summary>
public sealed class MissedDeadlines(PolicyStore policies, Escalator escalator)
{
    private const string By = SystemActors.DeadlineSweeper;

    /// <summary>The resolution deadline passed: a red card, then the policy's step.</summary>
    public async Task DueAsync(UnitOfWork<DispatchDatabase> uow, Assignment a)
    {
        var action = await ActionAsync(uow, a);
        await WarnAsync(uow, a, WarningLevel.Red, action);
        await ActAsync(uow, a, action, DeadlineKind.Resolution);
    }

    /// <summary>Nobody acknowledged (签收) the case in time: the same choice as for the resolution clock.</summary>
    public async Task UnacknowledgedAsync(UnitOfWork<DispatchDatabase> uow, Assignment a) =>
        await ActAsync(uow, a, await ActionAsync(uow, a), DeadlineKind.Acknowledgement);

    /// <summary>Most of the deadline is used: a yellow card, and under supervise a prompt to the tier above to urge.</summary>
    public async Task YellowAsync(UnitOfWork<DispatchDatabase> uow, Assignment a)
    {
        var action = await ActionAsync(uow, a);
        await AssignmentStore.UpdateAsync(uow, a with { YellowWarnedAt = uow.Now }, uow.Now);
        await WarnAsync(uow, a, WarningLevel.Yellow, action);
        if (MissedDeadlineRule.PromptsUrgeAtYellow(action, a.Tier)) await Supervision.PromptUrgeAsync(uow, a, By);
    }

    private async Task<MissedDeadlineAction> ActionAsync(UnitOfWork<DispatchDatabase> uow, Assignment a) =>
        (await policies.VersionAsync(uow, a.PolicyVersion)).OnMissedDeadlineFor(a.Category, a.Grade);

    private async Task ActAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, MissedDeadlineAction action, DeadlineKind clock)
    {
        if (MissedDeadlineRule.MovesTo(action, a.Tier) is not null)
            await escalator.EscalateAsync(uow, a,
                clock == DeadlineKind.Resolution ? EscalationReason.DeadlinePassed : EscalationReason.AcknowledgementOverdue, null, By);
        else
            await Supervision.FlagOverdueAsync(uow, a, clock, By);
    }

    private static async Task WarnAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, WarningLevel level, MissedDeadlineAction action)
    {
        HistoryStore.Add(uow, a.IncidentId,
            new HistoryEntry(uow.Now, By, HistoryActions.Warning, a.Tier, a.UnitCode, Codes.Of(level)));
        await uow.PublishAsync(new DeadlineWarning(a.IncidentId, a.Tier, a.UnitCode, a.Category, a.Grade, level, a.DueAt, uow.Now, action, By));
    }
}
