using Governance.Incidents.Dashboard;

namespace Governance.Incidents.Handling;

/// <summary>Merges a duplicate into the case that carries on: the duplicate stops, its reporters
/// join the survivor's (all of them are asked to verify), both timelines say so.</summary>
public static class Merging
{
    public static async Task<Outcome<Incident>> MergeAsync(UnitOfWork<IncidentsDatabase> uow, Guid duplicateId, Guid intoId, string actor)
    {
        var duplicate = await IncidentStore.FindAsync(uow, duplicateId);
        var into = await IncidentStore.FindAsync(uow, intoId);
        if (duplicate is null || into is null) return new Outcome<Incident>.NotFound();
        if (duplicateId == intoId) return CaseRefusal.NotAllowed(duplicate.Status, IncidentsTexts.MergeIntoItself);
        if (into.Status is IncidentStatus.Closed or IncidentStatus.Merged)
            return CaseRefusal.NotAllowed(into.Status, IncidentsTexts.MergeIntoOpen);
        if (IncidentLifecycle.Next(duplicate.Status, IncidentAction.Merge) is not { } merged)
            return CaseRefusal.NotAllowed(duplicate.Status, IncidentsTexts.MergeOnlyOpen);
        // A merge never lowers a case: the one that carries on must be at least as grave and held at least
        // as high, or a grade I case would vanish into a courtyard's (moving down needs 退回's reason).
        if (duplicate.Grade < into.Grade || duplicate.Tier > into.Tier)
            return CaseRefusal.NotAllowed(duplicate.Status, IncidentsTexts.MergeOtherWay(Codes.Of(duplicate.Grade), duplicate.Tier is { } tier ? Codes.Of(tier) : "no"));

        var changed = duplicate with { Status = merged, MergedInto = intoId, UpdatedAt = uow.Now };
        await IncidentStore.UpdateAsync(uow, changed);
        await ReporterStore.CopyAsync(uow, duplicateId, intoId);
        TimelineStore.Add(uow, duplicateId,
            TimelineEntry.Coded(uow.Now, actor, TimelineAction.Merged, duplicate.Tier, duplicate.HandlingUnitCode, TimelineReasons.Case(intoId)));
        TimelineStore.Add(uow, intoId,
            TimelineEntry.Coded(uow.Now, actor, TimelineAction.MergedFrom, into.Tier, into.HandlingUnitCode, TimelineReasons.Case(duplicateId)));
        await uow.PublishAsync(new IncidentMerged(duplicateId, intoId, actor, uow.Now));
        // The shared counter row last, right before the commit (as in Filing).
        await DashboardProjector.LeftOpenAsync(uow, duplicate);
        return new Outcome<Incident>.Done(changed);
    }
}
