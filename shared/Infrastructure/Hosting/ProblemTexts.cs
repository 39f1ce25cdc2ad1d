using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// The texts of the problems every service (and the gateway) answers: titles, the shared field checks, what
/// ASP.NET Core could not read, and the framework's own titles. English exactly as the API has always said
/// it (clients and tests know those words); Chinese beside it. A service's own texts are in its
/// <c>Handling/*Texts.cs</c>. Field names stay the JSON names in both languages: a client finds the field by
/// the <c>errors</c> key, a reader by the name in the message.
/// </summary>
public static class ProblemTexts
{
    // ---- Titles --------------------------------------------------------------------------------
    public static Bilingual ValidationTitle => new("One or more validation errors occurred.", "提交的内容有误，请按各项提示修改。");
    public static Bilingual NotYoursTitle => new("Not yours to do", "无权办理");
    public static Bilingual GoneTitle => new("No longer available", "已不再可用");
    public static Bilingual Utf8JsonOnly => new("Send the body as JSON in UTF-8 (Content-Type: application/json; charset=utf-8).",
        "请以 UTF-8 编码的 JSON 提交（Content-Type: application/json; charset=utf-8）。");
    public static Bilingual BodyUnreadableTitle => new("The request body could not be read.", "无法读取提交的内容。");
    public static Bilingual QueryUnreadableTitle => new("A query parameter could not be read.", "无法读取查询参数。");
    public static Bilingual OutsideJurisdictionTitle => new("Outside your jurisdiction", "超出您的管辖范围");
    public static Bilingual UnitCodeOutsideYourUnits => new("unitCode is outside your units.", "unitCode 不在您所辖的单位之内。");
    public static Bilingual DeliveryConflictTitle => new("Not allowed for this delivery now", "此条推送目前不允许这样操作");
    public static Bilingual RetryOnlyFailed => new("Only a failed delivery can be retried: a pending one is queued already, a sent one arrived.",
        "只有发送失败的推送才能重试：待发的已在队列中，已发的已送达。");

    // ---- Field checks (FieldErrors) ------------------------------------------------------------
    /// <summary>A webhook's URL (notices, Open311 callbacks) at an address where no receiver lives (WebhookDestinations).</summary>
    public static Bilingual UrlLinkLocal(string field) =>
        new($"{field} must not point at a link-local or cloud metadata address (169.254.0.0/16, fe80::/10).",
            $"{field} 不能指向链路本地地址或云元数据地址（169.254.0.0/16、fe80::/10）。");
    public static Bilingual Latitude(string field) => new($"{field} must be a latitude from -90 to 90.", $"{field} 须为 -90 到 90 之间的纬度。");
    public static Bilingual Longitude(string field) => new($"{field} must be a longitude from -180 to 180.", $"{field} 须为 -180 到 180 之间的经度。");
    public static Bilingual LatLngTogether(string prefix) =>
        new($"{prefix}lat and {prefix}lng are given together or not at all.", $"{prefix}lat 和 {prefix}lng 须同时填写或都不填。");
    public static Bilingual Required(string field) => new($"{field} is required.", $"{field} 为必填项。");
    public static Bilingual TooLong(string field, int max) => new($"{field} must be at most {max} characters.", $"{field} 最多 {max} 个字符。");
    public static Bilingual ControlCharacters(string field) => new($"{field} must not contain control characters.", $"{field} 不能含有控制字符。");
    public static Bilingual Between(string field, long low, long high) =>
        new($"{field} must be between {low} and {high}.", $"{field} 须在 {low} 到 {high} 之间。");
    public static Bilingual OneOf(string field, string codes) => new($"{field} must be one of {codes}.", $"{field} 须为以下之一：{codes}。");
    public static Bilingual RequiredOneOf(string field, string codes) =>
        new($"{field} is required: one of {codes}.", $"{field} 为必填项，须为以下之一：{codes}。");
    public static Bilingual NotAfter(string field, string other) => new($"{field} must not be after {other}.", $"{field} 不能晚于 {other}。");
    public static Bilingual UnknownUnit(string field, string? code) => new($"{field} '{code}' is not a known unit.", $"{field} “{code}”不是已知的单位。");
    public static Bilingual JsonBodyRequired => new("A JSON body is required.", "请提交 JSON 格式的内容。");

    // ---- What ASP.NET Core could not read (BadRequestBodyHandler) ------------------------------
    public static Bilingual NotJsonOfType(string field) =>
        new($"The value of {field} is not valid JSON of the expected type.", $"{field} 的值不是所需类型的 JSON。");
    /// <summary>The framework's own message stays the English (it names the limit or the media type it got).</summary>
    public static Bilingual BodyFault(int status, string frameworkMessage) => new(frameworkMessage, status switch
    {
        StatusCodes.Status413PayloadTooLarge => "提交的内容过大。",
        StatusCodes.Status415UnsupportedMediaType => "提交的内容格式不受支持，请以 JSON（application/json）提交。",
        _ => "无法读取提交的内容。",
    });
    public static Bilingual MustBe(string field, Bilingual expected) => new($"{field} must be {expected.En}.", $"{field} 须为{expected.Zh}。");
    public static Bilingual WholeNumber => new("a whole number", "整数");
    public static Bilingual TrueOrFalse => new("true or false", " true 或 false");
    public static Bilingual Identifier => new("an identifier (a UUID)", "标识符（UUID）");
    public static Bilingual Date => new("a date written yyyy-MM-dd", "日期，写作 yyyy-MM-dd");
    public static Bilingual Time => new("a time written as ISO 8601", "时间，按 ISO 8601 书写");
    public static Bilingual Number => new("a number", "数字");
    public static Bilingual ExpectedKind => new("a value of the expected kind", "所需类型的值");

    // ---- The framework's own titles (a bare 404, 405, 415, a gateway's 502, …) -----------------
    /// <summary>English: the title ASP.NET Core gives (ProblemDetailsDefaults); Chinese: ours.</summary>
    public static readonly IReadOnlyDictionary<int, Bilingual> FrameworkTitles = new Dictionary<int, Bilingual>
    {
        [400] = new("Bad Request", "请求有误"),
        [401] = new("Unauthorized", "未登录或登录已失效"),
        [403] = new("Forbidden", "无权访问"),
        [404] = new("Not Found", "未找到"),
        [405] = new("Method Not Allowed", "不支持该请求方法"),
        [406] = new("Not Acceptable", "无法按要求的格式答复"),
        [408] = new("Request Timeout", "请求超时"),
        [409] = new("Conflict", "与现有数据冲突"),
        [412] = new("Precondition Failed", "前提条件不满足"),
        [413] = new("Content Too Large", "提交的内容过大"),
        [415] = new("Unsupported Media Type", "不支持的内容格式"),
        [422] = new("Unprocessable Entity", "无法处理提交的内容"),
        [426] = new("Upgrade Required", "需要升级协议"),
        [429] = new("Too Many Requests", "请求过于频繁"),
        [500] = new("An error occurred while processing your request.", "处理请求时出错。"),
        [502] = new("Bad Gateway", "服务暂时无法访问"),
        [503] = new("Service Unavailable", "服务暂不可用"),
        [504] = new("Gateway Timeout", "服务响应超时"),
    };

    /// <summary>A problem whose title is still the framework's (or none) gets ours in Chinese; English is left as it was.</summary>
    public static void TranslateFrameworkTitle(ProblemDetailsContext context)
    {
        if (!Bilingual.InChinese) return;
        var problem = context.ProblemDetails;
        if (problem.Title == ValidationTitle.En) problem.Title = ValidationTitle.Zh;
        else if (FrameworkTitles.TryGetValue(problem.Status ?? context.HttpContext.Response.StatusCode, out var title)
                 && (problem.Title is null || problem.Title == title.En))
            problem.Title = title.Zh;
    }
}
