using Governance.Dispatch.Routing;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Handling;

/// <summary>Shows a grade I or II case at once to every tier above its place that does not hold it:
/// a note on each unit's board, a history entry, and a message Incidents puts on the timeline.</summary>
public static class AboveNotifier
{
    /// <summary>Tells the units not told before (a re-grade from II to I tells nobody twice).</summary>
    public static async Task NotifyAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, string by)
    {
        var tiers = MajorCaseNotice.TiersToTell(a.Grade, a.Tier);
        if (tiers.Count == 0) return;
        var chain = await UnitCopyStore.ChainAsync(uow, a.PlaceCode);
        var told = await BoardNoteStore.UnitsWithAsync(uow, a.IncidentId, BoardNoteKinds.NotifiedAbove);
        var units = tiers
            .Select(tier => (Tier: tier, Unit: EscalationLadder.HandlingUnit(chain, tier)))
            .Where(u => u.Unit is not null && u.Unit.Code != a.UnitCode && !told.Contains(u.Unit.Code))
            .Select(u => new NotifiedUnit(u.Tier, u.Unit!.Code)).ToList();
        if (units.Count == 0) return;
        foreach (var unit in units)
        {
            await BoardNoteStore.AddAsync(uow,
                new BoardNote(a.IncidentId, unit.UnitCode, unit.Tier, BoardNoteKinds.NotifiedAbove, a.Sequence, by, null, uow.Now));
            HistoryStore.Add(uow, a.IncidentId,
                new HistoryEntry(uow.Now, by, HistoryActions.NotifiedAbove, unit.Tier, unit.UnitCode, $"grade {Codes.Of(a.Grade)}"));
        }
        await uow.PublishAsync(new IncidentNotifiedAbove(a.IncidentId, a.Grade, units, by, uow.Now));
    }
}
