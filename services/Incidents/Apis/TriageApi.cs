using Governance.Incidents.Handling;
using Governance.Incidents.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>分拨: the unit a call waiting in triage is placed on (a grid or courtyard).</summary>
public sealed record PlaceRequest(string? UnitCode);

/// <summary>A call waiting in the county's triage queue: the case as the dispatcher sees it, and why no unit
/// was found for it (with the address the hotline sent): <c>why</c> in English, <c>whyCode</c> the codes the
/// pages render in their language (null on a call taken in before the codes).</summary>
public sealed record TriageItem(IncidentView Case, string? Why, CodedReason? WhyCode);

/// <summary>One page of the triage queue, as a work list's bucket: <c>total</c> calls wait now, <c>items</c> from
/// <c>offset</c> on, <c>next</c> the page after (null: this is the last).</summary>
public sealed record TriagePage(long Total, int Offset, IReadOnlyList<TriageItem> Items, string? Next);

/// <summary>The county's triage queue (待分拨, issue #14): hotline calls no unit was found for, and placing them.</summary>
public static class TriageApi
{
    public static void MapTriageApi(this IEndpointRouteBuilder routes)
    {
        // The queue is the county dispatchers' work (the role alone decides: the queue is the county's).
        routes.MapGet("/incidents/triage", ListTriage).WithSummary("The county's triage queue (待分拨) of hotline calls").Performs(UnitAction.PlaceTriage);
        routes.MapPost("/incidents/{id:guid}/place", Place).WithSummary("Place a hotline call from the triage queue on its unit (分拨)").Performs(CaseAction.PlaceTriage);
    }

    /// <param name="limit">Calls per page, 1–500 (50).</param>
    /// <param name="offset">How many calls of the queue come before the page.</param>
    private static async Task<Results<Ok<TriagePage>, ValidationProblem>> ListTriage(IncidentsDatabase db, HttpContext http, int? limit, int? offset)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > 500) errors.Add("limit", ProblemTexts.Between("limit", 1, 500));
        errors.Offset(offset);
        if (errors.Any) return errors.ToProblem();
        var (take, skip) = (limit ?? 50, offset ?? 0);
        await using var c = await db.OpenReadAsync(http.RequestAborted);
        var total = await TriageStore.CountAsync(c);
        var waiting = await TriageStore.QueueAsync(c, take, skip);
        var incidents = new List<Model.Incident>();
        foreach (var w in waiting)
            if (await IncidentStore.PeekAsync(c, w.Id) is { } incident) incidents.Add(incident);
        var why = waiting.ToDictionary(w => w.Id);
        var items = (await CaseViews.ItemsAsync(c, incidents, Caller.Of(http)))
            .Select(i => why.GetValueOrDefault(i.View.Id) is { } w ? new TriageItem(i.View, w.Why, w.WhyCode) : new TriageItem(i.View, null, null))
            .ToList();
        var next = skip + take < total ? $"/incidents/triage?limit={take}&offset={skip + take}" : null;
        return TypedResults.Ok(new TriagePage(total, skip, items, next));
    }

    /// <summary>分拨. Not held to the case the permission check saw (<see cref="DecidedCase"/>): a call in triage has no
    /// tier or holder to move from, and the handler reads under the row lock whether it still waits; one placed
    /// meanwhile (by a colleague, a click twice) answers 409 naming where it went, never "moved while you acted".</summary>
    private static async Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> Place(
        Guid id, PlaceRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        await IncidentsApi.AnswerAsync(db, http, await runner.RunAsync(uow => Triage.PlaceAsync(uow, new PlaceCall(id, body?.UnitCode), Actor.Of(http))));
}
