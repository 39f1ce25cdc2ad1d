namespace Governance.Dispatch.Notices;

/// <summary>The Chinese words a notice is written in (the same names the Incidents catalogue shows).</summary>
public static class NoticeLabels
{
    public static string Of(Category category) => category switch
    {
        Category.Dispute => "矛盾纠纷",
        Category.PublicSecurity => "社会治安",
        Category.Petition => "信访维稳",
        Category.WorkSafety => "安全生产",
        Category.Emergency => "应急管理",
        Category.Livelihood => "民生服务",
        Category.Environment => "环境卫生",
        Category.Facilities => "公共设施",
        Category.Consultation => "政策咨询",
        _ => "其他",
    };

    public static string Of(Grade grade) => grade switch
    {
        Grade.IV => "一般(IV)",
        Grade.III => "较大(III)",
        Grade.II => "重大(II)",
        _ => "特别重大(I)",
    };

    public static string Of(Tier tier) => tier switch
    {
        Tier.Courtyard => "院落/网格级",
        Tier.Village => "村级",
        Tier.Township => "镇级",
        _ => "县级",
    };

    public static string Of(EscalationReason reason) => reason switch
    {
        EscalationReason.DeadlinePassed => "办理时限已过未办结",
        // Both a 提请上级 the tier above approved and a 升级 pressed on the board: a person decided (上报 means filing).
        EscalationReason.HandlerRequested => "人工决定升级",
        EscalationReason.AcknowledgementOverdue => "超时未签收",
        EscalationReason.Regraded => "事件等级调整",
        EscalationReason.RejectedTwice => "两次核查未解决",
        EscalationReason.CountyPulledUp => "县级提级办理",
        EscalationReason.TownshipPulledUp => "镇级提级办理",
        _ => "调解未达成协议",
    };

    /// <summary>The bracketed tag that opens a notice, as staff call these events.</summary>
    public static string Tag(Notice notice) => notice.Kind switch
    {
        NoticeKind.Routed => notice.Sequence <= 1 ? "【新案件】" : "【重新办理】",
        NoticeKind.Escalated => "【升级】",
        NoticeKind.Yellow => "【黄牌】",
        NoticeKind.Red => "【红牌】",
        NoticeKind.FlaggedOverdue => "【超期预警】",
        NoticeKind.Supervised => "【督办】",
        _ => "【退回】",
    };
}
