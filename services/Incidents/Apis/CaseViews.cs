using Governance.Incidents.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;

namespace Governance.Incidents.Apis;

/// <summary>Cases as a caller sees them: the view, with the actions the permission model and the
/// case's state allow him now.</summary>
internal static class CaseViews
{
    public static async Task<IncidentView> ViewAsync(IncidentsDatabase db, Incident incident, Caller caller)
    {
        await using var c = await db.OpenReadAsync();
        return await ViewAsync(c, incident, caller);
    }

    /// <summary>The view read on a connection the caller holds already (never a second one beside it: see GetIncident).</summary>
    public static async Task<IncidentView> ViewAsync(DbSession c, Incident incident, Caller caller)
    {
        var facts = await IncidentCaseFacts.OfAsync(c, incident);
        // The hotline caller masked: the holder reads him whole from GET …/caller (read-caller), audited.
        return IncidentView.Of(incident, await TimelineStore.ListAsync(c, incident.Id), await ReporterStore.ListAsync(c, incident.Id),
            await PhotoStore.ListAsync(c, incident.Id), await AllowedAsync(c, caller, facts, incident)) with
        {
            // Only a case filed through Open311 has a caller: staff filings skip the read.
            Caller = incident.ReportedBy.StartsWith(Open311.ServiceRequestsApi.ReporterPrefix, StringComparison.Ordinal)
                ? await CallerStore.MaskedCallerAsync(c, incident.Id)
                : null,
            InHand = facts.InHandOf is null ? null : InHandView.Of(await InHandStore.FindAsync(c, incident.Id)),
        };
    }

    /// <summary>List items: the same shape without timeline, reporters and photos. Unit chains are read once per unit.</summary>
    public static async Task<IReadOnlyList<(IncidentView View, CaseFacts Facts)>> ItemsAsync(DbSession c,
        IEnumerable<Incident> incidents, Caller caller)
    {
        var chains = new Dictionary<string, IReadOnlyList<ChainUnit>>();
        var items = new List<(IncidentView, CaseFacts)>();
        foreach (var incident in incidents)
        {
            var facts = await IncidentCaseFacts.OfAsync(c, incident, chains);
            items.Add((IncidentView.Of(incident, [], [], [], await AllowedAsync(c, caller, facts, incident)), facts));
        }
        return items;
    }

    private static async Task<IReadOnlyList<CaseAction>> AllowedAsync(DbSession c, Caller caller, CaseFacts facts, Incident incident)
    {
        var request = await Handling.MoveUpRequests.CurrentAsync(c, incident);
        var allowed = AllowedActions.Of(caller, facts, incident, request is { Approved: false });
        // On its way up (approved, Dispatch moving it): every action answers 409 until it has arrived, so none is offered.
        return request is { Approved: true } ? allowed.Where(a => a is CaseAction.Read or CaseAction.ReadCaller).ToList() : allowed;
    }
}
