using Governance.Incidents.Handling;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Sms;
using Governance.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Apis;

/// <summary>A text message on its way, as the deliveries list shows it: the number masked, never the link.</summary>
public sealed record SmsDeliveryView(
    Guid Id, Guid IncidentId, string Purpose, string? Phone, string Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? FailedAt)
{
    public static SmsDeliveryView Of(SmsDelivery d) => new(d.Id, d.IncidentId, d.Purpose, d.PhoneMasked, d.State.Status, d.State.Attempts,
        d.State.LastStatusCode, d.State.LastError, d.State.CreatedAt, d.State.LastAttemptAt, d.State.NextAttemptAt, d.State.SentAt, d.State.FailedAt);
}

/// <summary>The demo outbox as the county administrator reads it; <see cref="Enabled"/> false when texts go to a real platform.</summary>
public sealed record DemoOutboxView(bool Enabled, IReadOnlyList<DemoSms> Messages);

/// <summary>
/// The county administrator's view of the service's text messages (回访 links): what was sent and what
/// failed, a retry once the platform is fixed — as notices' and callbacks' deliveries — and, in a demo,
/// the 测试短信箱 holding the texts that would have gone out.
/// </summary>
public static class SmsAdminApi
{
    public static void MapSmsAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/incidents/admin");
        admin.MapGet("/sms-deliveries", List).WithSummary("List text message deliveries").PerformsCountyWide(UnitAction.ReadSettings);
        admin.MapPost("/sms-deliveries/{id:guid}/retry", Retry).WithSummary("Send a failed text message again").PerformsCountyWide(UnitAction.ChangeSettings);
        // The demo outbox shows live links, and a link answers as the resident: the administrator's alone, as a
        // setting he changes is (a supervisor who reads the other settings could close cases in residents' names).
        admin.MapGet("/sms-outbox", Outbox).WithSummary("The demo SMS outbox (texts not really sent)").PerformsCountyWide(UnitAction.ChangeSettings);
    }

    private static async Task<Results<Ok<IReadOnlyList<SmsDeliveryView>>, ValidationProblem>> List(IncidentsDatabase db, string? status, int? limit)
    {
        var errors = DeliveryAnswers.CheckListQuery(status, limit);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok<IReadOnlyList<SmsDeliveryView>>(
            (await SmsDeliveryStore.ListAsync(c, status, limit ?? DeliveryAnswers.DefaultLimit)).Select(SmsDeliveryView.Of).ToList());
    }

    /// <summary>Queues a failed text again with a fresh set of attempts; it carries a new link when sent.</summary>
    private static async Task<Results<Ok<SmsDeliveryView>, NotFound, ProblemHttpResult>> Retry(
        Guid id, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, ReturnVisitSender sender)
    {
        var retried = await runner.RunAsync(uow => DeliveryQueue.RetryAsync(uow, SmsDeliveryStore.Table, id, uow.Now));
        if (retried is null) return TypedResults.NotFound();
        if (retried == false) return DeliveryAnswers.NotFailed();
        sender.Wake();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(SmsDeliveryView.Of((await SmsDeliveryStore.FindAsync(c, id))!));
    }

    private static Ok<DemoOutboxView> Outbox(IOptions<SmsOptions> options, DemoSmsOutbox outbox, int? limit) =>
        TypedResults.Ok(new DemoOutboxView(options.Value.Gateway == SmsOptions.DemoOutbox, outbox.List(Math.Clamp(limit ?? 50, 1, 1000))));
}
