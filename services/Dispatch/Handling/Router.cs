using Governance.Dispatch.Routing;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Handling;

/// <summary>Gives a newly filed case its first assignment: the lowest tier the policy allows,
/// the place's unit on that tier, and that tier's clocks. A grade I or II case is shown at once to
/// every tier above its place.</summary>
public sealed class Router(PolicyStore policies, CalendarStore calendars)
{
    private const string By = SystemActors.Router;

    public async Task RouteAsync(UnitOfWork<DispatchDatabase> uow, IncidentFiled filed)
    {
        // The same case filed twice under different message ids still gets one assignment.
        if (await AssignmentStore.FindAsync(uow, filed.IncidentId) is not null) return;

        // Read once for a group of filings (routing writes neither units nor policies): cases filed at one place
        // at once share their chain, and every case of the group the policy.
        var chain = await uow.ReadOnceAsync($"chain:{filed.UnitCode}", () => UnitCopyStore.ChainAsync(uow, filed.UnitCode));
        if (chain.Count == 0)
            throw new ArrivedTooEarlyException($"Unit {filed.UnitCode} of incident {filed.IncidentId} is not in Dispatch's copy yet");

        await CaseReporterStore.AddAsync(uow, filed.IncidentId, filed.FiledBy);
        var policy = await uow.ReadOnceAsync("policy", () => policies.CurrentAsync(uow));
        if (filed.ResolvedOnTheSpot)
        {
            // 即知即办: settled where it was found. Recorded (closed, on the lowest tier) so the
            // county's figures count it as kept in the village; no clock, nothing to announce.
            var clocks = new ClockTimes(uow.Now, null, uow.Now);
            await AssignmentStore.InsertAsync(uow,
                New(filed, Tier.Courtyard, filed.UnitCode, clocks, policy.Version, uow.Now) with { Status = AssignmentStatus.Closed }, uow.Now);
            return;
        }

        var decision = policy.Decide(filed.Category, filed.Grade);
        var unit = EscalationLadder.HandlingUnit(chain, decision.Tier)
            ?? throw new PermanentMessageException($"Unit {filed.UnitCode} has no {decision.Tier} above it");
        var calendar = await calendars.CurrentAsync(uow);
        var clock = policy.ClockFor(filed.Category, filed.Grade);
        var times = AssignmentClock.Start(policy, calendar, clock, decision.Tier, uow.Now, decision.Deadline);

        var assignment = New(filed, decision.Tier, unit.Code, times, policy.Version, uow.Now);
        await AssignmentStore.InsertAsync(uow, assignment, uow.Now);
        HistoryStore.Add(uow, assignment.IncidentId,
            new HistoryEntry(uow.Now, By, HistoryActions.Routed, assignment.Tier, assignment.UnitCode, $"policy v{policy.Version}"));
        await uow.PublishAsync(new IncidentRouted(assignment.IncidentId, assignment.Sequence, assignment.Tier, assignment.UnitCode,
            assignment.DueAt, policy.Version, uow.Now, By, times.WeekdaysOnlyYear));
        await AboveNotifier.NotifyAsync(uow, assignment, By);
    }

    private static Assignment New(IncidentFiled filed, Tier tier, string unitCode, ClockTimes clocks, int policyVersion, DateTimeOffset now) =>
        new(filed.IncidentId, filed.UnitCode, filed.Category, filed.Grade, tier, unitCode, clocks.DueAt, AssignmentStatus.Active,
            1, policyVersion, null, now, clocks.AcknowledgeBy, clocks.YellowAt, null, null, null);
}
