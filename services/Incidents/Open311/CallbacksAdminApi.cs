using Governance.Incidents.Handling;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Open311;

/// <param name="Secret">Left out: one is generated and answered once.</param>
public sealed record CallbackRequest(string? Url, string? Secret);

/// <summary>A client's callback as set. <see cref="Secret"/> only in the answer that generated it, never again.</summary>
public sealed record CallbackView(Guid ClientId, string Url, string? Secret);

/// <summary>A status callback on its way, as the deliveries list shows it.</summary>
public sealed record CallbackDeliveryView(
    Guid Id, Guid IncidentId, int Sequence, IncidentStatus CaseStatus, string Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? FailedAt)
{
    public static CallbackDeliveryView Of(CallbackDelivery d) => new(d.Id, d.IncidentId, d.Sequence, d.CaseStatus, d.State.Status, d.State.Attempts,
        d.State.LastStatusCode, d.State.LastError, d.State.CreatedAt, d.State.LastAttemptAt, d.State.NextAttemptAt, d.State.SentAt, d.State.FailedAt);
}

/// <summary>
/// Status back to the hotline (issue #14): the county administrator registers a client system's callback
/// URL and secret, sees what was sent and what failed, and sends a failed one again — as notices' deliveries.
/// </summary>
public static class CallbacksAdminApi
{
    private const int MinSecret = 16, MaxSecret = 200;

    public static void MapOpen311CallbacksAdmin(this IEndpointRouteBuilder routes)
    {
        var client = routes.MapGroup("/open311/admin/clients/{id:guid}");
        client.MapPut("/callback", Set).WithSummary("Set a client system's status callback (URL and secret)").PerformsCountyWide(UnitAction.ChangeSettings);
        client.MapDelete("/callback", Remove).WithSummary("Remove a client system's status callback").PerformsCountyWide(UnitAction.ChangeSettings);
        client.MapGet("/callback-deliveries", List).WithSummary("List a client system's status callbacks sent and failed").PerformsCountyWide(UnitAction.ReadSettings);
        client.MapPost("/callback-deliveries/{deliveryId:guid}/retry", Retry).WithSummary("Send a failed status callback again").PerformsCountyWide(UnitAction.ChangeSettings);
    }

    private static async Task<Results<Ok<CallbackView>, NotFound, ValidationProblem>> Set(
        Guid id, CallbackRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, PersonalDataSealer sealer)
    {
        var errors = new FieldErrors();
        var url = body?.Url?.Trim();
        if (string.IsNullOrEmpty(url)) errors.Add("url", ProblemTexts.Required("url"));
        else if (!WebhookUrl.IsValid(url)) errors.Add("url", IncidentsTexts.CallbackUrl(WebhookUrl.MaxLength));
        // A client system's own callback may be on this machine or the county's network; never where no receiver
        // lives (the cloud's metadata service): its client would not call it anyway (WebhookDestinations).
        else if (WebhookDestinations.Operators.RefusalOf(new Uri(url)) is not null) errors.Add("url", ProblemTexts.UrlLinkLocal("url"));
        var given = body?.Secret;
        if (given is not null && (given.Length is < MinSecret or > MaxSecret || given.Any(char.IsControl)))
            errors.Add("secret", IncidentsTexts.CallbackSecret(MinSecret, MaxSecret));
        if (errors.Any) return errors.ToProblem();
        var secret = given ?? CallbackSignature.NewSecret();
        var found = await runner.RunAsync(async uow =>
        {
            if (await ClientStore.FindAsync(uow, id) is null) return false;
            await ClientStore.SetCallbackAsync(uow, id, url, sealer.Seal(secret, CallbackSignature.BoundTo(id)));
            return true;
        });
        return found ? TypedResults.Ok(new CallbackView(id, url!, given is null ? secret : null)) : TypedResults.NotFound();
    }

    /// <summary>No more callbacks; those still queued fail (the list shows why).</summary>
    private static async Task<Results<NoContent, NotFound>> Remove(Guid id, UnitOfWorkRunner<IncidentsDatabase> runner)
    {
        var found = await runner.RunAsync(async uow =>
        {
            if (await ClientStore.FindAsync(uow, id) is null) return false;
            await ClientStore.SetCallbackAsync(uow, id, null, null);
            return true;
        });
        return found ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>The client's callbacks, newest first: ?status=failed shows what did not arrive and why.</summary>
    private static async Task<Results<Ok<IReadOnlyList<CallbackDeliveryView>>, NotFound, ValidationProblem>> List(
        Guid id, IncidentsDatabase db, string? status, int? limit)
    {
        var errors = DeliveryAnswers.CheckListQuery(status, limit);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        if (await ClientStore.FindAsync(c, id) is null) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<CallbackDeliveryView>>(
            (await CallbackStore.ListAsync(c, id, status, limit ?? DeliveryAnswers.DefaultLimit)).Select(CallbackDeliveryView.Of).ToList());
    }

    /// <summary>Queues a failed callback again with a fresh set of attempts (after the receiver was fixed).</summary>
    private static async Task<Results<Ok<CallbackDeliveryView>, NotFound, ProblemHttpResult>> Retry(
        Guid id, Guid deliveryId, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, CallbackSender sender)
    {
        var retried = await runner.RunAsync(uow => DeliveryQueue.RetryAsync(uow, CallbackStore.Table, deliveryId, uow.Now, id));
        if (retried is null) return TypedResults.NotFound();
        if (retried == false) return DeliveryAnswers.NotFailed();
        sender.Wake();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(CallbackDeliveryView.Of((await CallbackStore.FindAsync(c, deliveryId))!));
    }
}
