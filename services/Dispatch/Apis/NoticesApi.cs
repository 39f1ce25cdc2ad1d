using Governance.Dispatch.Handling;
using Governance.Dispatch.Notices;
using Governance.Dispatch.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Dispatch.Apis;

/// <summary>
/// Notices pushed by category, grade and tier (分级分类推送): the subscription rules, and the
/// deliveries with their attempts and errors, so a robot that stopped answering is seen and retried.
/// </summary>
public static class NoticesApi
{
    private const int MostCodes = 20;

    /// <summary>A rule as a client writes it. On PUT, url and secret may be left out to keep the stored
    /// ones (the API never shows them whole); secret "" removes it; enabled left out keeps it (POST: on).</summary>
    public sealed record SubscriptionRequest(
        string? Name, IReadOnlyList<string?>? Categories, IReadOnlyList<string?>? Grades, IReadOnlyList<string?>? Tiers,
        string? UnitCodePrefix, IReadOnlyList<string?>? Events, string? Channel, string? Url, string? Secret, bool? Enabled);

    /// <summary>A rule as the API shows it: the URL with its query values masked (a robot's key is
    /// there), and only whether a secret is set.</summary>
    public sealed record SubscriptionView(
        Guid Id, string Name, IReadOnlyList<Category> Categories, IReadOnlyList<Grade> Grades, IReadOnlyList<Tier> Tiers,
        string? UnitCodePrefix, IReadOnlyList<NoticeKind> Events, NoticeChannel Channel, string Url, bool HasSecret, bool Enabled,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UpdatedBy)
    {
        public static SubscriptionView Of(NoticeSubscription s) => new(s.Id, s.Name, s.Categories, s.Grades, s.Tiers, s.UnitCodePrefix,
            s.Events, s.Channel, Infrastructure.Webhooks.WebhookUrls.Mask(s.Url), !string.IsNullOrEmpty(s.Secret), s.Enabled, s.CreatedAt, s.UpdatedAt, s.UpdatedBy);
    }

    public static void MapNoticesApi(this IEndpointRouteBuilder routes)
    {
        // County-wide rules that make the server post to URLs it is given: the county configures them
        // (administrators write, the county reads); a township asks the county for its group's rule.
        var notices = routes.MapGroup("/dispatch/notices");
        notices.MapGet("/subscriptions", ListSubscriptions).WithSummary("List notice subscriptions").Performs(UnitAction.ReadSettings);
        notices.MapGet("/subscriptions/{id:guid}", GetSubscription).WithSummary("Read a notice subscription").Performs(UnitAction.ReadSettings);
        notices.MapPost("/subscriptions", CreateSubscription).WithSummary("Create a notice subscription (a webhook)").Performs(UnitAction.ChangeSettings);
        notices.MapPut("/subscriptions/{id:guid}", UpdateSubscription).WithSummary("Change a notice subscription").Performs(UnitAction.ChangeSettings);
        notices.MapDelete("/subscriptions/{id:guid}", DeleteSubscription).WithSummary("Delete a notice subscription").Performs(UnitAction.ChangeSettings);
        notices.MapGet("/deliveries", ListDeliveries).WithSummary("List notice deliveries").Performs(UnitAction.ReadSettings);
        notices.MapPost("/deliveries/{id:guid}/retry", RetryDelivery).WithSummary("Send a failed notice again").Performs(UnitAction.ChangeSettings);
    }

    private static async Task<Ok<IReadOnlyList<SubscriptionView>>> ListSubscriptions(DispatchDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok<IReadOnlyList<SubscriptionView>>((await SubscriptionStore.AllAsync(c)).Select(SubscriptionView.Of).ToList());
    }

    private static async Task<Results<Ok<SubscriptionView>, NotFound>> GetSubscription(Guid id, DispatchDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        return await SubscriptionStore.FindAsync(c, id) is { } s ? TypedResults.Ok(SubscriptionView.Of(s)) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<SubscriptionView>, ValidationProblem>> CreateSubscription(
        SubscriptionRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http, IOptions<NoticeOptions> options, NoticeQueue queue)
    {
        var by = Actor.Of(http);
        var errors = new FieldErrors();
        var subscription = await runner.RunAsync(async uow =>
        {
            var created = Read(body, null, errors, options.Value.Destinations, Guid.CreateVersion7(), by, uow.Now);
            if (created is not null) await SubscriptionStore.InsertAsync(uow, created);
            return created;
        });
        queue.ForgetListeners();
        return subscription is null
            ? errors.ToProblem()
            : TypedResults.Created($"/dispatch/notices/subscriptions/{subscription.Id}", SubscriptionView.Of(subscription));
    }

    private static async Task<Results<Ok<SubscriptionView>, NotFound, ValidationProblem>> UpdateSubscription(
        Guid id, SubscriptionRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http, IOptions<NoticeOptions> options,
        NoticeQueue queue)
    {
        var by = Actor.Of(http);
        var errors = new FieldErrors();
        var (found, updated) = await runner.RunAsync(async uow =>
        {
            var existing = await SubscriptionStore.FindAsync(uow, id);
            if (existing is null) return (false, (NoticeSubscription?)null);
            var changed = Read(body, existing, errors, options.Value.Destinations, id, by, uow.Now);
            if (changed is not null) await SubscriptionStore.UpdateAsync(uow, changed);
            return (true, changed);
        });
        queue.ForgetListeners();
        if (!found) return TypedResults.NotFound();
        return updated is null ? errors.ToProblem() : TypedResults.Ok(SubscriptionView.Of(updated));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteSubscription(Guid id, UnitOfWorkRunner<DispatchDatabase> runner, NoticeQueue queue)
    {
        var deleted = await runner.RunAsync(uow => SubscriptionStore.DeleteAsync(uow, id));
        queue.ForgetListeners();
        return deleted ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>Deliveries, newest first: ?status=failed shows what did not arrive and why.</summary>
    private static async Task<Results<Ok<IReadOnlyList<Delivery>>, ValidationProblem>> ListDeliveries(
        DispatchDatabase db, string? status, Guid? subscriptionId, int? limit)
    {
        var errors = DeliveryAnswers.CheckListQuery(status, limit);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await DeliveryStore.ListAsync(c, status, subscriptionId, limit ?? DeliveryAnswers.DefaultLimit));
    }

    /// <summary>Queues a failed delivery again with a fresh set of attempts (after the receiver was fixed).</summary>
    private static async Task<Results<Ok<Delivery>, NotFound, ProblemHttpResult>> RetryDelivery(
        Guid id, UnitOfWorkRunner<DispatchDatabase> runner, DispatchDatabase db, NoticeSender sender)
    {
        var retried = await runner.RunAsync(uow => DeliveryStore.RetryAsync(uow, id, uow.Now));
        if (retried is null) return TypedResults.NotFound();
        if (retried == false) return DeliveryAnswers.NotFailed();
        sender.Wake();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok((await DeliveryStore.FindAsync(c, id))!);
    }

    /// <summary>Checks a request and builds the rule it describes (on top of <paramref name="existing"/>
    /// for PUT); null when <paramref name="errors"/> says why not.</summary>
    private static NoticeSubscription? Read(SubscriptionRequest? body, NoticeSubscription? existing, FieldErrors errors,
        WebhookDestinations destinations, Guid id, string by, DateTimeOffset now)
    {
        errors.Require("name", body?.Name, 100);
        var categories = CodesOf<Category>(errors, "categories", body?.Categories);
        var grades = CodesOf<Grade>(errors, "grades", body?.Grades);
        var tiers = CodesOf<Tier>(errors, "tiers", body?.Tiers);
        var events = CodesOf<NoticeKind>(errors, "events", body?.Events);
        if (body?.Events is null || body.Events.Count == 0)
            errors.Add("events", DispatchTexts.EventsAtLeastOne(Codes.List<NoticeKind>()));

        var prefix = string.IsNullOrWhiteSpace(body?.UnitCodePrefix) ? null : body.UnitCodePrefix.Trim();
        if (prefix is not null && (prefix.Length > 32 || !prefix.All(char.IsAsciiLetterOrDigit)))
            errors.Add("unitCodePrefix", DispatchTexts.UnitCodePrefix);

        var channelGiven = Codes.TryParse<NoticeChannel>(body?.Channel, out var channel);
        if (!channelGiven) errors.Add("channel", ProblemTexts.OneOf("channel", Codes.List<NoticeChannel>()));

        var url = body?.Url?.Trim();
        if (url is null or "")
        {
            if (existing is null) errors.Add("url", ProblemTexts.Required("url"));
            url = existing?.Url;
        }
        else if (!WebhookUrl.IsValid(url))
            errors.Add("url", DispatchTexts.NoticeUrl);
        // A literal address is judged here; a name, at each delivery, by the address it resolves to (WebhookDestinations).
        else if (destinations.RefusalOf(new Uri(url)) is { } refused)
            errors.Add("url", refused switch
            {
                RefusedAddress.Loopback => DispatchTexts.NoticeUrlLoopback,
                RefusedAddress.LinkLocal => ProblemTexts.UrlLinkLocal("url"),
                _ => DispatchTexts.NoticeUrlPrivate,
            });

        // The secret is DingTalk's 加签; WeCom robots and plain webhooks take none.
        var secret = body?.Secret?.Trim();
        if (!string.IsNullOrEmpty(secret))
        {
            if (channelGiven && channel != NoticeChannel.DingTalk)
                errors.Add("secret", DispatchTexts.SecretOnlyDingTalk);
            else if (secret.Length > 200 || secret.Any(char.IsControl))
                errors.Add("secret", DispatchTexts.NoticeSecret);
        }
        if (errors.Any) return null;

        var keptSecret = secret is null ? existing?.Secret : secret.Length == 0 ? null : secret;
        return new NoticeSubscription(id, body!.Name!.Trim(), categories, grades, tiers, prefix, events, channel, url!,
            channel == NoticeChannel.DingTalk ? keptSecret : null, body.Enabled ?? existing?.Enabled ?? true,
            existing?.CreatedAt ?? now, now, by);
    }

    private static List<T> CodesOf<T>(FieldErrors errors, string field, IReadOnlyList<string?>? codes) where T : struct, Enum
    {
        var values = new List<T>();
        if (codes is null) return values;
        if (codes.Count > MostCodes)
        {
            errors.Add(field, DispatchTexts.CodesAtMost(field, MostCodes));
            return values;
        }
        for (var i = 0; i < codes.Count; i++)
        {
            if (!Codes.TryParse<T>(codes[i], out var value)) errors.Add($"{field}[{i}]", ProblemTexts.OneOf($"{field}[{i}]", Codes.List<T>()));
            else if (!values.Contains(value)) values.Add(value);
        }
        return values;
    }
}
