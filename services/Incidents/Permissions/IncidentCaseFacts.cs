using Governance.Infrastructure.Authority;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Incidents.Permissions;

/// <summary>A case as the permission model sees it, from Incidents' own tables and its copy of the unit tree.</summary>
public sealed class IncidentCaseFacts(IncidentsDatabase db) : ICaseFactsSource
{
    public async Task<CaseFacts?> FactsAsync(Guid caseId, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        return await IncidentStore.FindAsync(c, caseId) is { } incident ? await OfAsync(c, incident) : null;
    }

    /// <summary>The facts of a case already read (a view after an action). <paramref name="chains"/> lets a
    /// list read each unit's chain once for all its cases.</summary>
    public static async Task<CaseFacts> OfAsync(DbSession session, Incident incident,
        Dictionary<string, IReadOnlyList<ChainUnit>>? chains = null)
    {
        chains ??= [];
        async Task<IReadOnlyList<ChainUnit>> ChainOf(string code) =>
            chains.TryGetValue(code, out var known) ? known : chains[code] = await UnitCopyChains<IncidentsDatabase>.ChainAsync(session, code);
        var place = await ChainOf(incident.UnitCode);
        var holder = CaseFacts.HolderChainWithin(place, incident.HandlingUnitCode) ?? await ChainOf(incident.HandlingUnitCode!);
        var tier = incident.Tier;
        if (await Handling.MoveUpRequests.CurrentAsync(session, incident) is { Approved: true }
            && ApprovedMoveUp.Destination(tier, holder) is { } destination)
            (tier, holder) = destination;
        var reporters = (await ReporterStore.ListAsync(session, incident.Id)).Select(r => r.Name).Append(incident.ReportedBy).ToHashSet();
        var departments = await CaseAuthorityStore.DepartmentsAsync(session, incident.Id);
        var finished = await CaseAuthorityStore.FinishedDepartmentsAsync(session, incident.Id);
        var inHand = await InHandStore.FindAsync(session, incident.Id);
        return new CaseFacts(place, tier, holder, reporters, incident.Grade, incident.LeadDepartmentCode,
            departments, incident.ResolvedBy, inHand?.Leader, finished);
    }
}
