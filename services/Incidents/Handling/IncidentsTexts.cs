namespace Governance.Incidents.Handling;

/// <summary>
/// What Incidents' problems say (titles, field messages, refusals), in both languages: English exactly as the
/// API has said it, Chinese beside it (docs/CONVENTIONS.md "A message a user reads"). The shared ones
/// (required, too long, one of, an unknown unit, …) are <see cref="ProblemTexts"/>.
/// </summary>
public static class IncidentsTexts
{
    public static Bilingual ConflictTitle => new("Not allowed in the case's current status", "案件当前状态下不能这样操作");

    // ---- Filing and placing -----------------------------------------------------------------------
    public static Bilingual UnitsNotKnownYet =>
        new("unitCode is required until Incidents knows the county's units (Grids announces them in a moment).",
            "在系统获知本县单位之前必须填写 unitCode（网格服务稍后会通告）。");
    public static Bilingual NotGridOrCourtyard(string code, string level) =>
        new($"unitCode must be a grid or courtyard; '{code}' is a {level}.", $"unitCode 须为网格或院落；“{code}”是{level}。");
    public static Bilingual RetiredFileElsewhere(string code) =>
        new($"unitCode '{code}' is retired (merged or re-gridded); file at the unit that covers the place now.",
            $"unitCode “{code}”已撤销（合并或重新划分网格），请在现在覆盖该地点的单位登记。");
    public static Bilingual RetiredPlaceElsewhere(string code) =>
        new($"unitCode '{code}' is retired (merged or re-gridded); place the call at the unit that covers the place now.",
            $"unitCode “{code}”已撤销（合并或重新划分网格），请分拨到现在覆盖该地点的单位。");
    public static Bilingual OnlyGradeIVOnTheSpot =>
        new("Only general (IV) matters are settled on the spot; file the case and let it be routed.", "只有一般（IV级）事项可以当场办结；请登记案件，由系统流转。");
    public static Bilingual TriageNotOnTheSpot =>
        new("A call waiting in triage is not settled on the spot: it has no unit yet.", "待分拨的来电不能当场办结：它还没有承办单位。");
    public static Bilingual LocationOutside(double metres, string level, string code, string name, double tolerance) =>
        new($"location is {metres / 1000:0.0} km outside {level} '{code}' ({name}); a filing's location "
            + $"must lie within {tolerance / 1000:0.#} km of its unit. Coordinates are WGS-84 (GPS) unless location.crs is \"gcj02\".",
            $"location 在{level}“{code}”（{name}）范围外 {metres / 1000:0.0} 公里；登记位置须在所属单位 {tolerance / 1000:0.#} 公里以内。"
            + "坐标默认为 WGS-84（GPS），location.crs 为 \"gcj02\" 时除外。");
    public static Bilingual OnlyOwnUnitsFiling => new("You may file cases only in your own units.", "您只能在自己所在的单位登记案件。");
    public static Bilingual CrsKinds =>
        new("location.crs must be wgs84 (GPS, the default) or gcj02 (Chinese web maps).", "location.crs 须为 wgs84（GPS，默认）或 gcj02（国内网络地图）。");
    public static Bilingual AlreadyPlaced(string unitCode) =>
        new($"The call was placed already (已分拨) on unit {unitCode}; it no longer waits in triage.",
            $"该来电已分拨到单位 {unitCode}，不再等待分拨。");
    public static Bilingual TooManyFilingsTitle => new("Too many filings", "登记过于频繁");
    public static Bilingual TooManyFilings(int permits) =>
        new($"At most {permits} filings a minute per caller; try again shortly.", $"每人每分钟最多登记 {permits} 件；请稍后再试。");

    public static Bilingual KeyUsedTitle => new("Idempotency-Key already used for another filing", "Idempotency-Key 已用于另一次登记");
    public static Bilingual KeyUsed(string header, Guid earlier) =>
        new($"{header} is already used for another filing (case {earlier}); send a new key for a new filing.",
            $"{header} 已用于另一次登记（案件 {earlier}）；新的登记请发送新的键。");

    // ---- Case actions -----------------------------------------------------------------------------
    public static Bilingual NotesWhileWorked => new("Progress notes are for a case that is being worked on.", "进展反馈只用于正在办理的案件。");
    public static Bilingual ResolverCannotVerify =>
        new("The handler who resolved a case cannot verify it: the reporter or the place's grid worker does.", "办结案件的人不能核查它：由上报人或当地网格员核查。");
    public static Bilingual AlreadyGrade(string grade) => new($"The case is already grade {grade}.", $"案件已经是 {grade} 级。");
    public static Bilingual NoFiguresNow(string status) =>
        new($"A case that is {status} takes no casualty figures: they are reported while it is worked on.", $"状态为 {status} 的案件不能填报伤亡损失：应在办理过程中填报。");
    public static Bilingual ActionNotNow(string status) =>
        new($"A case that is {status} does not allow this action.", $"状态为 {status} 的案件不能进行此操作。");
    public static Bilingual ApproveRequired =>
        new("approve is required: true to take the case up, false to decline.", "approve 为必填项：true 表示接收上交的案件，false 表示不接收。");
    public static Bilingual WholeNumberFromZero(string field) => new($"{field} must be a whole number from 0.", $"{field} 须为不小于 0 的整数。");
    public static Bilingual YuanFromZero(string field) => new($"{field} must be an amount in yuan from 0.", $"{field} 须为不小于 0 的金额（元）。");
    public static Bilingual OnlyLeaderInHandSignsOff => new("Only the leader who took the case in hand signs it off.", "只有包案领导本人才能签字办结。");
    public static Bilingual CallerShownWhileWorked =>
        new("The caller's contact is shown only while the case is being worked on.", "来电人的联系方式只在案件办理期间显示。");
    public static Bilingual InYourHandAlready => new("The case is in your hand already.", "该案件已由您包案。");
    public static Bilingual InHandOf(string leader) =>
        new($"The case is in the hand of {leader} already: one leader takes a case in hand.", $"该案件已由 {leader} 包案：一件案件只由一位领导包案。");
    public static Bilingual NotTakenInHand(string status) =>
        new($"A case that is {status} cannot be taken in hand: only a placed case that is not settled yet.",
            $"状态为 {status} 的案件不能包案：只有已分拨、尚未办结的案件可以。");
    public static Bilingual ClosedAlready => new("The case is closed already.", "案件已经结案。");
    public static Bilingual NotVerifiedYet(string status) =>
        new($"A case that is {status} is not verified yet: it is signed off after verification (核查).", $"状态为 {status} 的案件尚未核查：须核查后才能签字办结。");

    // ---- Moving up, merging, mediation -----------------------------------------------------------
    public static Bilingual CountyIsTop =>
        new("The county is the top tier: a county case cannot be moved further up.", "区县是最高层级：区县的案件不能再往上交。");
    public static Bilingual CannotMoveUp(string status) => new($"A case that is {status} cannot be moved up.", $"状态为 {status} 的案件不能上交。");
    public static Bilingual NoMoveUpWaiting => new("No request to move this case up is waiting.", "没有待处理的上交申请。");
    public static Bilingual MergeIntoItself => new("A case cannot be merged into itself.", "案件不能合并到自己。");
    public static Bilingual MergeIntoOpen => new("The case to merge into must be open.", "要并入的案件必须尚未办结。");
    public static Bilingual MergeOnlyOpen => new("Only an open case can be merged.", "只有尚未办结的案件才能合并。");
    public static Bilingual MergeOtherWay(string grade, string tier) =>
        new("Merge the other way: the case that carries on must be at least as grave "
            + $"and held at least as high as this one (grade {grade} on the {tier} tier).",
            $"请反向合并：保留的案件须至少同样严重、承办层级至少同样高（本案为 {grade} 级，{tier} 层级）。");
    public static Bilingual IntoRequired => new("into is required: the id of the case this one duplicates.", "into 为必填项：本案所重复的案件编号。");
    public static Bilingual SessionRecorded => new("This session's outcome is already recorded.", "本次调解的结果已经登记。");
    public static Bilingual NoLongerOnVillage => new("The case is no longer open on the village tier.", "案件已不在村（社区）层级办理。");
    public static Bilingual ScheduledAtRequired => new("scheduledAt is required (ISO 8601 date and time).", "scheduledAt 为必填项（ISO 8601 日期时间）。");
    public static Bilingual ReachedRequired =>
        new("reached is required (true: agreement reached; false: not reached).", "reached 为必填项（true：达成协议；false：未达成）。");
    public static Bilingual NamesAtLeastOne(string field) => new($"{field} must name at least one person.", $"{field} 须至少写一个人。");
    public static Bilingual NamesAtMost20(string field) => new($"{field} may name at most 20 people.", $"{field} 最多写 20 个人。");
    public static Bilingual NamesTooLong(string field, int max) =>
        new($"{field} are too long together: the list is stored in at most {max} characters.", $"{field} 合计过长：名单最多保存 {max} 个字符。");
    public static Bilingual TierAboveTookIt =>
        new("The tier above has taken this case; it is on its way up.", "上级已接收此案件，正在上交途中。");
    public static Bilingual MoveUpWaiting =>
        new("A request to move this case up is already waiting for the tier above.", "此案件的上交申请已在等待上级处理。");
    public static Bilingual MediationOnVillageDisputes =>
        new("Mediation is for open dispute cases on the village tier.", "调解只用于在村（社区）层级办理、尚未办结的矛盾纠纷案件。");
    public static Bilingual ScheduledAtBetween(DateTimeOffset earliest, DateTimeOffset latest) =>
        new($"scheduledAt must be between {earliest:yyyy-MM-dd HH:mm}Z (a day before the case was filed) and {latest:yyyy-MM-dd HH:mm}Z (a year ahead).",
            $"scheduledAt 须在 {earliest:yyyy-MM-dd HH:mm}Z（案件登记前一天）到 {latest:yyyy-MM-dd HH:mm}Z（一年后）之间。");

    // ---- Photos ------------------------------------------------------------------------------------
    public static Bilingual MaxPhotos(int max) => new($"A case may have at most {max} photos.", $"一件案件最多 {max} 张照片。");
    public static Bilingual PhotosFullTitle => new("The case has all the photos it may have.", "案件的照片已满。");
    public static Bilingual PhotoTooLargeTitle => new("The photo is too large.", "照片太大。");
    public static Bilingual PhotoAtMost(string field, double mb) => new($"{field} must be at most {mb:0.#} MB.", $"{field} 最大 {mb:0.#} MB。");
    public static Bilingual PhotoAsMultipart(string field, double mb) =>
        new($"Send the photo as multipart/form-data in the field \"{field}\" (JPEG, PNG or WebP, at most {mb:0.#} MB).",
            $"请以 multipart/form-data 在字段 \"{field}\" 中发送照片（JPEG、PNG 或 WebP，最大 {mb:0.#} MB）。");
    public static Bilingual MultipartUnreadable(string why) =>
        new($"The multipart/form-data body could not be read: {why}", $"无法读取 multipart/form-data 内容：{why}");
    public static Bilingual PhotoFileRequired(string field) =>
        new($"{field} is required: a file in the form field \"{field}\".", $"{field} 为必填项：表单字段 \"{field}\" 中的一个文件。");
    public static Bilingual OnePhotoPerRequest(string field) => new($"Send one {field} per request.", $"每次只发送一张 {field}。");
    public static Bilingual PhotoEmpty(string field) => new($"{field} is empty.", $"{field} 是空的。");
    public static Bilingual NotAnImage(string field) =>
        new($"{field} must be a JPEG, PNG or WebP image; the content of this file is none of them, whatever its name or type says.",
            $"{field} 须为 JPEG、PNG 或 WebP 图片；无论文件名或类型怎么写，这个文件的内容都不是。");

    // ---- Lists, dashboard, report, export --------------------------------------------------------
    public static Bilingual TrueOrFalse(string field) => new($"{field} must be true or false.", $"{field} 须为 true 或 false。");
    public static Bilingual Day2000To2099(string field) =>
        new($"{field} must be a date written yyyy-MM-dd, between 2000 and 2099.", $"{field} 须为 2000 至 2099 年之间的日期，写作 yyyy-MM-dd。");
    public static Bilingual DateWritten(string field) => new($"{field} must be a date written yyyy-MM-dd.", $"{field} 须为日期，写作 yyyy-MM-dd。");
    public static Bilingual DateBetween(string field) =>
        new($"{field} must be between 2000-01-01 and 2099-12-31.", $"{field} 须在 2000-01-01 到 2099-12-31 之间。");
    public static Bilingual PeriodAtMostThreeYears => new("The period may be at most three years.", "时间段最长三年。");
    public static Bilingual CountyUnitsNotKnown => new("The county's units are not known yet.", "尚未获知本县的单位。");
    public static Bilingual DashboardUnitLevel =>
        new("unitCode must be the county, a township or a village (a grid's cases: GET /incidents?unitCode=).",
            "unitCode 须为区县、乡镇（街道）或村（社区）（网格的案件请用 GET /incidents?unitCode=）。");
    public static Bilingual MonthRequired => new("month is required, written yyyy-MM.", "month 为必填项，写作 yyyy-MM。");
    public static Bilingual MonthWritten => new("month must be written yyyy-MM, between 2000-01 and 2099-12.", "month 须写作 yyyy-MM，在 2000-01 到 2099-12 之间。");
    public static Bilingual ExportFormats => new("format must be xlsx or csv.", "format 须为 xlsx 或 csv。");
    public static Bilingual NotInUseLevel(string level, string code, string actual, bool retired) =>
        new($"unitCode must be a {level} in use; '{code}' is a {actual}{(retired ? " (retired)" : "")}.",
            $"unitCode 须为在用的{level}；“{code}”是{actual}{(retired ? "（已撤销）" : "")}。");
    public static Bilingual ReturnVisitLink(string why) => new($"The return-visit link is {why}.", $"回访链接{why switch
    {
        "expired" => "已过期",
        "used" => "已使用",
        "voided" => "已作废",
        _ => $"不可用（{why}）",
    }}。");

    // ---- Open311 administration -------------------------------------------------------------------
    public static Bilingual UnknownApiKey =>
        new("Invalid api_key received: it is unknown or has been revoked (leave it out to read the public fields).",
            "api_key 无效：它不存在或已被吊销（不带 api_key 可读取公开字段）。");
    public static Bilingual ApiKeyRequired => new("api_key is required to create a service request.", "提交服务请求须带 api_key。");
    public static Bilingual ApiKeyUnknown => new("Invalid api_key received: it is unknown or has been revoked.", "api_key 无效：它不存在或已被吊销。");
    public static Bilingual FormRequired =>
        new("The body must be a form: Content-Type application/x-www-form-urlencoded; charset=utf-8.",
            "请以表单提交：Content-Type application/x-www-form-urlencoded; charset=utf-8。");
    public static Bilingual FormUnreadable(string why) => new($"The form could not be read: {why}", $"无法读取表单：{why}");
    public static Bilingual GeneralServiceError =>
        new("General service error: the request could not be processed. Please tell the county command centre if it happens again.",
            "服务出错：请求未能处理。如再次发生，请告知区县指挥中心。");
    public static Bilingual ClientNameInUseTitle => new("Client name in use", "客户端名称已被使用");
    public static Bilingual ClientNameInUse(string name) =>
        new($"A client named '{name}' already has an active key; revoke it first or choose another name.", $"名为“{name}”的客户端已有有效密钥；请先吊销，或另取名称。");
    public static Bilingual ClientNameCharacters =>
        new("name may hold letters, digits, spaces and . _ - ( ) only.", "name 只能含字母、数字、空格和 . _ - ( )。");
    public static Bilingual MayReadDetailsRequired => new("mayReadDetails is required: true or false.", "mayReadDetails 为必填项：true 或 false。");
    public static Bilingual CallbackUrl(int max) =>
        new($"url must be an absolute http or https URL of at most {max} characters.", $"url 须为完整的 http 或 https 地址，最多 {max} 个字符。");
    public static Bilingual CallbackSecret(int min, int max) =>
        new($"secret must be {min} to {max} characters without control characters, or left out to have one generated.",
            $"secret 须为 {min} 到 {max} 个字符且不含控制字符，或不填由系统生成。");

    // ---- Open311 requests (the spec's field names kept as it spells them) --------------------------
    public static Bilingual Open311Email => new("email must be an email address.", "email 须为电子邮件地址。");
    public static Bilingual Open311Phone =>
        new("phone must be one phone number: digits, optionally a leading + and spaces, hyphens or brackets between them.",
            "phone 须为一个电话号码：数字，可以 + 开头，中间可有空格、连字符或括号。");
    public static Bilingual Open311MediaUrl => new("media_url must be an absolute http or https URL.", "media_url 须为完整的 http 或 https 地址。");
    public static Bilingual Open311NoControlCharacters(string field) =>
        new($"{field} must not contain control characters or line breaks.", $"{field} 不能含有控制字符或换行。");
    public static Bilingual ServiceCodeRequired(string codes) =>
        new($"service_code is required; services: {codes}.", $"service_code 为必填项；可选服务：{codes}。");
    public static Bilingual UnknownServiceCode(string code, string codes) =>
        new($"service_code '{code}' was not found; services: {codes}.", $"未找到 service_code “{code}”；可选服务：{codes}。");
    public static Bilingual NotAService(string code, string codes) =>
        new($"service_code '{code}' is not a service; services: {codes}.", $"service_code “{code}”不是服务；可选服务：{codes}。");
    public static Bilingual UnknownToken(string token) =>
        new($"token '{token}' was not found: this endpoint creates requests in real time and issues no tokens; use the service_request_id that POST requests returned.",
            $"未找到 token “{token}”：本接口实时创建请求，不发放 token；请使用 POST requests 返回的 service_request_id。");
    public static Bilingual JurisdictionNotKnownYet(string id) =>
        new($"jurisdiction_id '{id}' was not found (the county is not known yet); leave jurisdiction_id out.",
            $"未找到 jurisdiction_id “{id}”（尚未获知本县）；请不填 jurisdiction_id。");
    public static Bilingual JurisdictionServed(string id, string counties) =>
        new($"jurisdiction_id '{id}' was not found: this endpoint serves {counties}; or leave jurisdiction_id out.",
            $"未找到 jurisdiction_id “{id}”：本接口服务于 {counties}；或不填 jurisdiction_id。");
    public static Bilingual FormatNotOffered(string? extension) =>
        new($"Format '{extension}' is not offered: end the resource with .xml or .json.", $"不提供格式“{extension}”：请以 .xml 或 .json 结尾。");
    public static Bilingual RequestKeyUsed(string header, Guid earlier) =>
        new($"{header} is already used for another request (service_request_id {earlier}); send a new key for a new request.",
            $"{header} 已用于另一个请求（service_request_id {earlier}）；新的请求请发送新的键。");
    public static Bilingual UnknownServiceRequest(string id) => new($"service_request_id '{id}' was not found.", $"未找到 service_request_id “{id}”。");
    public static Bilingual NotAServiceRequestId(string text) =>
        new($"service_request_id '{text}' is not a service request id.", $"service_request_id “{text}”不是服务请求编号。");
    public static Bilingual ServiceRequestIdsAtMost(int most) =>
        new($"service_request_id may list at most {most} ids.", $"service_request_id 最多列出 {most} 个编号。");
    public static Bilingual OpenOrClosed(string word) => new($"status '{word}' must be open or closed.", $"status “{word}”须为 open 或 closed。");
    public static Bilingual SpanAtMost90Days => new("start_date and end_date may not span more than 90 days.", "start_date 到 end_date 不能超过 90 天。");
    public static Bilingual W3cDateTime(string name, string text) =>
        new($"{name} '{text}' must be a W3C datetime with a time zone, e.g. 2026-01-01T00:00:00Z or 2026-01-01T08:00:00+08:00.",
            $"{name} “{text}”须为带时区的 W3C 日期时间，如 2026-01-01T00:00:00Z 或 2026-01-01T08:00:00+08:00。");
}
