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
        var reporters = await ReporterStore.ListAsync(c, incident.Id);
        var read = (await IncidentCaseFacts.OfManyAsync(c, [incident], [], reporters.ToLookup(_ => incident.Id, r => r.Name)))[0];
        // The hotline caller masked: the holder reads him whole from GET …/caller (read-caller), audited.
        return IncidentView.Of(incident, await TimelineStore.ListAsync(c, incident.Id), reporters,
            await PhotoStore.ListAsync(c, incident.Id), Allowed(caller, read, incident)) with
        {
            // Only a case filed through Open311 has a caller: staff filings skip the read.
            Caller = incident.ReportedBy.StartsWith(Open311.ServiceRequestsApi.ReporterPrefix, StringComparison.Ordinal)
                ? await CallerStore.MaskedCallerAsync(c, incident.Id)
                : null,
            InHand = InHandView.Of(read.InHand),
        };
    }

    /// <summary>List items: the same shape without timeline, reporters and photos. What the permission model needs is
    /// read once for the page (IncidentCaseFacts.OfManyAsync), unit chains once per unit.</summary>
    public static async Task<IReadOnlyList<(IncidentView View, CaseFactsRead Read)>> ItemsAsync(DbSession c,
        IEnumerable<Incident> incidents, Caller caller)
    {
        var page = incidents.ToList();
        var read = await IncidentCaseFacts.OfManyAsync(c, page, []);
        return page.Select((incident, i) => (IncidentView.Of(incident, [], [], [], Allowed(caller, read[i], incident)), read[i])).ToList();
    }

    private static IReadOnlyList<CaseAction> Allowed(Caller caller, CaseFactsRead read, Incident incident)
    {
        var allowed = AllowedActions.Of(caller, read.Facts, incident, read.Request is { Approved: false });
        // On its way up (approved, Dispatch moving it): every action answers 409 until it has arrived, so none is offered.
        return read.Request is { Approved: true } ? allowed.Where(a => a is CaseAction.Read or CaseAction.ReadCaller).ToList() : allowed;
    }
}
