using Governance.Incidents.Handling;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Sms;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Apis;

public sealed record CategoryChoice(Category Code, string NameZh, string NameEn);

/// <summary>What the courtyard's page shows before anything is filed: its name and what may be reported.</summary>
public sealed record CourtyardPage(string UnitCode, string Name, IReadOnlyList<CategoryChoice> Categories);

public sealed record ResidentCodeRequest(string? Phone);

public sealed record ResidentCodeSent(DateTimeOffset ExpiresAt);

/// <summary>What the resident's status link shows: the case's status and its public steps — no description,
/// no name, no number, no handler, no note.</summary>
public sealed record ResidentCaseView(string CourtyardName, Category Category, string CategoryZh, string CategoryEn, IncidentStatus Status,
    DateTimeOffset FiledAt, IReadOnlyList<ResidentStep> Steps);

/// <summary>A public step: when, and which (filed, assigned, accepted, resolved, verified, reopened, escalated).</summary>
public sealed record ResidentStep(DateTimeOffset At, string Step);

/// <summary>
/// The courtyard's public page (docs/courtyard-qr.md), no sign-in: the QR's "&lt;code&gt;.&lt;key&gt;" in the
/// X-Courtyard-Key header opens the courtyard; a one-time code texted to his phone confirms it; the status link's
/// token in X-Resident-Token opens his own case and nothing else. Rate-limited per client address, and per phone
/// by its keyed hash. The filing itself: <see cref="ResidentCasesApi"/>.
/// </summary>
public static class ResidentApi
{
    public const string CourtyardHeader = "X-Courtyard-Key";
    public const string TokenHeader = "X-Resident-Token";
    public const string RateLimitPolicy = "resident";
    public const string CodeRateLimitPolicy = "resident-code";

    private static readonly HashSet<string> PublicSteps =
    [
        TimelineAction.Filed, TimelineAction.Assigned, TimelineAction.Accepted, TimelineAction.Resolved, TimelineAction.ResolvedOnTheSpot,
        TimelineAction.Verified, TimelineAction.Reopened, TimelineAction.Escalated,
    ];

    public static void AddResidentRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ResidentOptions>().BindConfiguration(ResidentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ResidentOptions>>((options, residents) =>
        {
            options.AddPerAddressPolicy(RateLimitPolicy, residents.Value.PermitsPerMinute, TimeSpan.FromMinutes(1));
            options.AddPerAddressPolicy(CodeRateLimitPolicy, residents.Value.CodesPerAddressPerHour, TimeSpan.FromHours(1));
        });
    }

    public static void MapResidentApi(this IEndpointRouteBuilder routes)
    {
        var resident = routes.MapGroup("/incidents/resident").AllowAnonymous().RequireRateLimiting(RateLimitPolicy).NeverCachedBy(CourtyardHeader, TokenHeader);
        resident.MapGet("/courtyard", Courtyard).WithSummary("The courtyard a resident's QR code opens").PerformedBy("a resident holding his courtyard's QR code (its key, no sign-in)");
        resident.MapPost("/code", SendCode).WithSummary("Text a one-time code to a resident's phone").RequireRateLimiting(CodeRateLimitPolicy)
            .PerformedBy("a resident holding his courtyard's QR code (its key, no sign-in): a one-time code to his phone");
        resident.MapGet("/case", Status).WithSummary("A resident's own case: status and public steps").PerformedBy("the resident holding his case's status link (its token, no sign-in)");
    }

    /// <summary>The courtyard a QR's "&lt;code&gt;.&lt;key&gt;" opens, or null (the page answers 404).</summary>
    internal static async Task<CourtyardQr?> CourtyardOfAsync(DbSession session, HttpContext http) =>
        CourtyardKey.Parse(http.Request.Headers[CourtyardHeader].ToString()) is var (code, key)
            ? await CourtyardKeyStore.OpenAsync(session, code, key)
            : null;

    private static async Task<Results<Ok<CourtyardPage>, ProblemHttpResult>> Courtyard(IncidentsDatabase db, HttpContext http)
    {
        await using var c = await db.OpenReadAsync(http.RequestAborted);
        if (await CourtyardOfAsync(c, http) is not { } courtyard) return UnknownCourtyard();
        return TypedResults.Ok(new CourtyardPage(courtyard.UnitCode, courtyard.Name,
            Catalogue.Categories.Select(n => new CategoryChoice(n.Code, n.NameZh, n.NameEn)).ToList()));
    }

    /// <summary>Texts a one-time code to the phone (in the request: the resident waits for it anyway). 503 when the
    /// SMS platform did not take it; the code is stored all the same, and asking again sends a new one.</summary>
    private static async Task<Results<Ok<ResidentCodeSent>, ValidationProblem, ProblemHttpResult>> SendCode([FromBody] ResidentCodeRequest? body,
        IncidentsDatabase db, UnitOfWorkRunner<IncidentsDatabase> runner, PersonalDataSealer sealer, ISmsGateway gateway,
        IOptions<ResidentOptions> options, ILoggerFactory logs, HttpContext http)
    {
        var o = options.Value;
        CourtyardQr? courtyard;
        await using (var c = await db.OpenReadAsync(http.RequestAborted)) courtyard = await CourtyardOfAsync(c, http);
        if (courtyard is null) return UnknownCourtyard();
        if (PhoneNumbers.MobileForText(body?.Phone) is not { } phone) return PhoneInvalid().ToProblem();
        var phoneHash = ResidentCodes.PhoneHash(sealer, phone);
        var (issued, limit) = await runner.RunAsync<((string Code, DateTimeOffset ExpiresAt)?, ResidentLimit?)>(async uow =>
            await ResidentCodes.LimitReachedAsync(uow, phoneHash, uow.Now, o, sendingCode: true) is { } reached
                ? (null, reached)
                : (await ResidentCodes.IssueAsync(uow, courtyard.UnitCode, phoneHash, sealer, o), null), http.RequestAborted);
        if (limit is { } l) return LimitProblem(l, http);
        var code = issued!.Value;
        var message = new SmsMessage(phone, o.CodeTemplateCode, new Dictionary<string, string> { ["code"] = code.Code }, Guid.CreateVersion7().ToString());
        var (_, last) = await gateway.SendAsync(message, allowedAttempts: 2, http.RequestAborted);
        if (!last.Delivered)
        {
            logs.CreateLogger(typeof(ResidentApi)).LogWarning("The one-time code to {Phone} was not sent: {Error}", Masks.Phone(phone), last.Error);
            return TypedResults.Problem("短信发送失败，请稍后再试。 The text could not be sent; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "短信发送失败 (text not sent)");
        }
        return TypedResults.Ok(new ResidentCodeSent(code.ExpiresAt));
    }

    private static async Task<Results<Ok<ResidentCaseView>, ProblemHttpResult>> Status(IncidentsDatabase db, HttpContext http)
    {
        var token = http.Request.Headers[TokenHeader].ToString();
        if (!ReturnVisitToken.IsWellFormed(token)) return UnknownLink();
        await using var c = await db.OpenReadAsync(http.RequestAborted);
        if (await ResidentStore.FindByTokenHashAsync(c, ReturnVisitToken.Hash(token)) is not { } filing
            || await IncidentStore.FindAsync(c, filing.IncidentId) is not { } incident) return UnknownLink();
        var courtyard = await UnitCopyStore.FindAsync(c, filing.UnitCode);
        var names = Catalogue.Categories.First(n => n.Code == incident.Category);
        var steps = (await TimelineStore.ListAsync(c, incident.Id)).Where(e => PublicSteps.Contains(e.Action)).Select(e => new ResidentStep(e.At, e.Action)).ToList();
        return TypedResults.Ok(new ResidentCaseView(courtyard?.Name ?? "", incident.Category, names.NameZh, names.NameEn, incident.Status, filing.FiledAt, steps));
    }

    internal static FieldErrors PhoneInvalid() =>
        new FieldErrors().Add("phone", "请填写11位手机号码。 phone must be a mainland mobile number (11 digits).");

    internal static ProblemHttpResult UnknownCourtyard() => TypedResults.Problem(
        "这个二维码无效或已更换，请扫描院落张贴的最新二维码。 This code is not known or was replaced: scan the one posted in your courtyard.",
        statusCode: StatusCodes.Status404NotFound, title: "二维码无效 (unknown code)");

    private static ProblemHttpResult UnknownLink() => TypedResults.Problem(
        "这个查询链接无效。 This status link is not known.", statusCode: StatusCodes.Status404NotFound, title: "链接无效 (unknown link)");

    /// <summary>429 naming the limit the phone reached, with when to try again.</summary>
    internal static ProblemHttpResult LimitProblem(ResidentLimit limit, HttpContext http)
    {
        var (retryAfter, detail) = limit == ResidentLimit.FilingsPerDay
            ? (86400, "这个手机号今天反映的问题已达上限，如有急事请拨打12345。 This phone has filed as many cases as it may today; call 12345 if it is urgent.")
            : (3600, "这个手机号获取验证码过于频繁，请一小时后再试。 Too many codes for this phone; try again in an hour.");
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁 (limit reached)",
            extensions: new Dictionary<string, object?> { ["limit"] = limit == ResidentLimit.FilingsPerDay ? "filings-per-phone" : "codes-per-phone" });
    }
}
