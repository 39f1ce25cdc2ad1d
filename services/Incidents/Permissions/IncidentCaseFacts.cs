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
    /// caller read each unit's chain once for several cases.</summary>
    public static async Task<CaseFacts> OfAsync(DbSession session, Incident incident,
        Dictionary<string, IReadOnlyList<ChainUnit>>? chains = null) =>
        (await OfManyAsync(session, [incident], chains ?? []))[0].Facts;

    /// <summary>The facts of a page of cases, in the page's order: each table read once for the whole page, not
    /// once per case (a list of 100 cases cost 600 statements that way), and each unit's chain once.
    /// <paramref name="reporters"/>: who reported each case, when the caller has read them already (a case's view
    /// shows them), so they are not read twice.</summary>
    public static async Task<IReadOnlyList<CaseFactsRead>> OfManyAsync(DbSession session, IReadOnlyList<Incident> incidents,
        Dictionary<string, IReadOnlyList<ChainUnit>> chains, ILookup<Guid, string>? reporters = null)
    {
        if (incidents.Count == 0) return [];
        var ids = incidents.Select(i => i.Id).Distinct().ToList();
        var requests = await CaseAuthorityStore.RequestsOfAsync(session, ids);
        reporters ??= await ReporterStore.NamesOfAsync(session, ids);
        var departments = await CaseAuthorityStore.DepartmentsOfAsync(session, ids);
        var inHand = await InHandStore.FindManyAsync(session, ids);
        async Task<IReadOnlyList<ChainUnit>> ChainOf(string code) =>
            chains.TryGetValue(code, out var known) ? known : chains[code] = await UnitCopyChains<IncidentsDatabase>.ChainAsync(session, code);

        var read = new List<CaseFactsRead>(incidents.Count);
        foreach (var incident in incidents)
        {
            var place = await ChainOf(incident.UnitCode);
            var holder = CaseFacts.HolderChainWithin(place, incident.HandlingUnitCode) ?? await ChainOf(incident.HandlingUnitCode!);
            var tier = incident.Tier;
            var request = CaseAuthorityStore.MoveUpRequest.CurrentFor(requests.GetValueOrDefault(incident.Id), incident);
            if (request is { Approved: true } && ApprovedMoveUp.Destination(tier, holder) is { } destination)
                (tier, holder) = destination;
            var called = departments[incident.Id].ToList();
            var taken = inHand.GetValueOrDefault(incident.Id);
            var facts = new CaseFacts(place, tier, holder, reporters[incident.Id].Append(incident.ReportedBy).ToHashSet(), incident.Grade,
                incident.LeadDepartmentCode, called.Select(d => d.Department).ToList(), incident.ResolvedBy, taken?.Leader,
                called.Where(d => d.Finished).Select(d => d.Department).ToList());
            read.Add(new CaseFactsRead(facts, request, taken));
        }
        return read;
    }
}

/// <summary>A case's facts with what was read on the way and its view needs too: its current move-up request and its 包案 record.</summary>
public sealed record CaseFactsRead(CaseFacts Facts, CaseAuthorityStore.MoveUpRequest? Request, CaseInHand? InHand);
