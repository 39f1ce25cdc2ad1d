using Governance.Incidents.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Apis;

public sealed record ReturnVisitAnswerRequest(string? Satisfaction, string? Comment);

/// <summary>What the resident's page shows: what was done, where and when — no name, no number, no description.
/// The category's names come with it: the page is public and reads no catalogue.</summary>
public sealed record ReturnVisitView(Category Category, string CategoryZh, string CategoryEn, string? PlaceName, DateTimeOffset? ResolvedAt,
    string? ResolutionNote, DateTimeOffset? ExpiresAt);

/// <summary>What came of his answer: the case closed, or reopened for another try.</summary>
public sealed record ReturnVisitAnswered(Satisfaction Satisfaction, IncidentStatus CaseStatus);

/// <summary>
/// 回访, the resident's side: no sign-in, the link's token is the only key. It travels in a header, never in
/// a path or query (access logs keep those), and is rate-limited per client address. 404: no such link;
/// 410: answered, voided (resolved again, or verified by staff) or expired.
/// </summary>
public static class ReturnVisitsApi
{
    public const string TokenHeader = "X-Return-Visit-Token";
    public const string RateLimitPolicy = "return-visit";

    public static void AddReturnVisitRateLimit(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ReturnVisitOptions>>((options, visits) =>
            options.AddPerAddressPolicy(RateLimitPolicy, visits.Value.PermitsPerMinute, TimeSpan.FromMinutes(1)));

    public static void MapReturnVisitsApi(this IEndpointRouteBuilder routes)
    {
        var visit = routes.MapGroup("/incidents/return-visit").AllowAnonymous().RequireRateLimiting(RateLimitPolicy).NeverCachedBy(TokenHeader);
        const string linkHolder = "the resident holding a return-visit link (its token, no sign-in)";
        visit.MapGet("", Read).WithSummary("Read a return visit (回访) link: what was done").PerformedBy(linkHolder);
        visit.MapPost("/answer", Answer).WithSummary("Answer a return visit (回访): satisfied or not").PerformedBy(linkHolder);
    }

    private static string? TokenOf(HttpContext http) => http.Request.Headers[TokenHeader].ToString() is { Length: > 0 } t ? t : null;

    private static async Task<Results<Ok<ReturnVisitView>, ProblemHttpResult>> Read(IncidentsDatabase db, TimeProvider time, HttpContext http)
    {
        var token = TokenOf(http);
        if (!ReturnVisitToken.IsWellFormed(token)) return Unknown();
        await using var c = await db.OpenReadAsync();
        var visit = await ReturnVisitStore.FindByTokenAsync(c, token!);
        if (visit is null) return Unknown();
        if (visit.RefusalAt(time.GetUtcNow()) is { } refusal) return Gone(refusal);
        var summary = await ReturnVisitStore.SummaryAsync(c, visit.IncidentId);
        if (summary is null) return Unknown();
        var names = Catalogue.Categories.First(c => c.Code == summary.Category);
        return TypedResults.Ok(new ReturnVisitView(summary.Category, names.NameZh, names.NameEn, summary.PlaceName, summary.ResolvedAt, summary.ResolutionNote, visit.ExpiresAt));
    }

    private static async Task<Results<Ok<ReturnVisitAnswered>, ValidationProblem, ProblemHttpResult>> Answer(
        [FromBody] ReturnVisitAnswerRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, HttpContext http)
    {
        // A code that is not ours reaches the handler as no answer: it names the field and the codes.
        Satisfaction? satisfaction = Codes.TryParse<Satisfaction>(body?.Satisfaction, out var s) ? s : null;
        var outcome = await runner.RunAsync(uow => ReturnVisits.AnswerAsync(uow, new AnswerReturnVisit(TokenOf(http) ?? "", satisfaction, body?.Comment)));
        return outcome switch
        {
            Outcome<Incident>.Done done => TypedResults.Ok(new ReturnVisitAnswered(satisfaction!.Value, done.Value.Status)),
            Outcome<Incident>.Invalid invalid => invalid.Errors.ToProblem(),
            // The resident's page words a spent link in Chinese first, from the reason the handler names.
            Outcome<Incident>.Gone gone => Gone(Codes.TryParse<ReturnVisitRefusal>(gone.Extensions?["reason"] as string, out var why) ? why : ReturnVisitRefusal.Voided),
            _ => Unknown(),
        };
    }

    private static ProblemHttpResult Unknown() => TypedResults.Problem(
        "这个回访链接无效，请核对短信中的链接。 This link is not known: check it against the text message.",
        statusCode: StatusCodes.Status404NotFound, title: "回访链接无效 (unknown link)");

    private static ProblemHttpResult Gone(ReturnVisitRefusal why) => TypedResults.Problem(why switch
    {
        ReturnVisitRefusal.Used => "您已评价过，感谢您的反馈。 This link was already answered.",
        ReturnVisitRefusal.Expired => "回访链接已过期，如有问题请拨打12345。 This link has expired; call 12345 if the matter is not settled.",
        _ => "此回访链接已失效（案件已重新办理或已由工作人员核查）。 This link no longer answers: the case was handled again or verified by staff.",
    }, statusCode: StatusCodes.Status410Gone, title: why switch
    {
        ReturnVisitRefusal.Used => "回访已完成 (already answered)",
        ReturnVisitRefusal.Expired => "回访链接已过期 (expired)",
        _ => "回访链接已失效 (voided)",
    }, extensions: new Dictionary<string, object?> { ["reason"] = why.ToString().ToLowerInvariant() });
}
