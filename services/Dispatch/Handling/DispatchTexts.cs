namespace Governance.Dispatch.Handling;

/// <summary>
/// What Dispatch's problems say, in both languages: English exactly as the API has said it, Chinese beside it
/// (docs/CONVENTIONS.md "A message a user reads"). The shared ones are <see cref="ProblemTexts"/>.
/// </summary>
public static class DispatchTexts
{
    public static Bilingual ConflictTitle => new("Not allowed for this case now", "此案件目前不能这样操作");

    // ---- Routing policy ---------------------------------------------------------------------------
    public static Bilingual PolicyRequired => new("A policy is required.", "请提交流转规则。");
    public static Bilingual RulesAtLeastOne => new("rules must list at least one rule.", "rules 须至少有一条规则。");
    public static Bilingual RulesAtMost500 => new("rules may list at most 500 rules.", "rules 最多 500 条规则。");
    public static Bilingual RuleObject => new("A rule must be an object.", "每条规则须为一个对象。");
    public static Bilingual DeadlineAtMost366d => new("deadline must be at most 366d.", "deadline 最长 366d。");
    public static Bilingual OneOfOrPolicy(string field, string codes) =>
        new($"{field} must be one of {codes} (or absent: the policy's).", $"{field} 须为以下之一：{codes}（或不填：沿用规则整体的设置）。");
    public static Bilingual YellowFraction =>
        new("yellowFraction must be between 0 and 1 (0.75: yellow when three quarters of a deadline are used).",
            "yellowFraction 须在 0 到 1 之间（0.75：时限用去四分之三时亮黄牌）。");
    public static Bilingual ClockKinds => new("clock must be natural or working.", "clock 须为 natural（自然日）或 working（工作日）。");
    public static Bilingual DeadlineEachTier(string field) => new($"{field} must give a deadline for each tier.", $"{field} 须为每个层级给出时限。");
    public static Bilingual DurationRange(string field) => new($"{field} must be a duration from 1s to 366d.", $"{field} 须为 1s 到 366d 之间的时长。");
    public static Bilingual UnitNamesAPlace =>
        new("unitCode must name a place (a courtyard or grid, or a unit above).", "unitCode 须为一个地点（院落或网格，或其上级单位）。");
    public static Bilingual CannotStartOnTier(string tier) =>
        new($"A case at this unit cannot start on the {tier} tier: choose a courtyard or grid.", $"此单位的案件不能从{tier}层级开始：请选择院落或网格。");

    // ---- Dispatching and the command centre -------------------------------------------------------
    public static Bilingual OnlyOpenDispatched(string status) =>
        new($"The case is {status}: only open cases can be dispatched.", $"案件状态为 {status}：只有未办结的案件才能派遣。");
    public static Bilingual NotCalledIn =>
        new("This department was not called in on the case (or the case has since moved to another unit).", "此部门没有被调度参与该案件（或案件已转到其他单位）。");
    public static Bilingual PartFinished => new("This department already finished its part of the case.", "此部门已完成其在该案件中的工作。");
    public static Bilingual OwnDepartmentOnly =>
        new("You may check in and feed back only for your own department.", "您只能为自己的部门签收和反馈。");
    public static Bilingual CoHandlersAtMost20 => new("coHandlers may list at most 20 departments.", "coHandlers 最多 20 个部门。");
    public static Bilingual DeadlineDuration => new("deadline must be a duration such as \"2d\" or \"8h\".", "deadline 须为时长，如 \"2d\" 或 \"8h\"。");
    public static Bilingual LeadNotCoHandler => new("The lead department is not also a co-handler.", "牵头部门不能同时是协办部门。");
    public static Bilingual CalledInOnce => new("A department is called in once.", "同一部门只能调度一次。");
    public static Bilingual NotADepartment(string field, string? text) =>
        new($"{field} must be the id of a department (GET /grids/departments); '{text}' is none.", $"{field} 须为部门编号（GET /grids/departments）；“{text}”不是。");
    public static Bilingual DepartmentRetired(string field, string name) =>
        new($"{field}: {name} was retired and can no longer be called in.", $"{field}：{name}已撤销，不能再调度。");
    public static Bilingual DepartmentOutside(string field, string name, string unit) =>
        new($"{field}: {name} belongs to unit {unit}, outside the place of the case; "
            + "call in the departments of the case's own township or of the county.",
            $"{field}：{name}属于单位 {unit}，不在案件所在地；请调度案件所在乡镇（街道）或区县的部门。");
    public static Bilingual OnlyTownshipOrCountySentDown =>
        new("Only a case on the township or county tier can be sent back down.", "只有乡镇（街道）或区县层级的案件才能退回下级。");
    public static Bilingual CountyIsTop =>
        new("The county is the top tier: a county case cannot be escalated further.", "区县是最高层级：区县的案件不能再上报。");
    public static Bilingual AlreadyOnTier(string tier) => new($"The case is already on the {tier} tier.", $"案件已经在{tier}层级。");

    // ---- Notices (webhooks) and the calendar ------------------------------------------------------
    public static Bilingual EventsAtLeastOne(string codes) =>
        new($"events must list at least one of {codes}.", $"events 须至少列出以下之一：{codes}。");
    public static Bilingual UnitCodePrefix =>
        new("unitCodePrefix must be the start of a unit code (letters and digits, at most 32), e.g. \"500101001\" for all of township 500101001000.",
            "unitCodePrefix 须为单位编码的开头（字母和数字，最多 32 个），如 \"500101001\" 表示乡镇 500101001000 全部。");
    public static Bilingual NoticeUrl =>
        new("url must be an absolute http or https URL of at most 2000 characters.", "url 须为完整的 http 或 https 地址，最多 2000 个字符。");
    public static Bilingual NoticeSecret =>
        new("secret must be at most 200 characters, without control characters.", "secret 最多 200 个字符，且不含控制字符。");
    public static Bilingual NoticeUrlLoopback =>
        new("url must not point at this machine (loopback, localhost) unless Dispatch:Notices:AllowLoopback is set.",
            "url 不能指向本机（回环地址、localhost），除非设置了 Dispatch:Notices:AllowLoopback。");
    public static Bilingual NoticeUrlPrivate =>
        new("url must not point at a private network unless Dispatch:Notices:AllowPrivateNetworks is set.",
            "url 不能指向内网地址，除非设置了 Dispatch:Notices:AllowPrivateNetworks。");
    public static Bilingual SecretOnlyDingTalk =>
        new("secret is used only by dingtalk robots (加签); leave it out for wecom and webhook.", "secret 只用于钉钉机器人（加签）；wecom 和 webhook 请不填。");
    public static Bilingual CodesAtMost(string field, int most) => new($"{field} may list at most {most} codes.", $"{field} 最多列出 {most} 个代码。");
    public static Bilingual DaysRequired(string field) =>
        new($"{field} is required (a list of yyyy-MM-dd dates; may be empty).", $"{field} 为必填项（yyyy-MM-dd 日期的列表，可以为空）。");
    public static Bilingual DaysAtMost366(string field) => new($"{field} may list at most 366 days.", $"{field} 最多 366 天。");
    public static Bilingual HolidayInYear(int year) => new($"Every holiday must fall in {year}.", $"每个节假日都须在 {year} 年内。");
    public static Bilingual WorkdayInYear(int year) => new($"Every make-up working day must fall in {year}.", $"每个调休上班日都须在 {year} 年内。");
    public static Bilingual HolidayAndWorkday =>
        new("A day cannot be both a holiday and a make-up working day.", "同一天不能既是节假日又是调休上班日。");
}
