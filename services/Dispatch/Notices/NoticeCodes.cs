using System.Text.Json.Serialization;

namespace Governance.Dispatch.Notices;

/// <summary>What happened to a case that a notice announces (the events a subscription picks).</summary>
[JsonConverter(typeof(CodeConverter<NoticeKind>))]
public enum NoticeKind
{
    /// <summary>A case was given to a unit: filed and routed, or reopened on its tier.</summary>
    [JsonStringEnumMemberName("routed")] Routed,
    /// <summary>A case moved up a tier.</summary>
    [JsonStringEnumMemberName("escalated")] Escalated,
    /// <summary>黄牌: most of a deadline is used.</summary>
    [JsonStringEnumMemberName("yellow")] Yellow,
    /// <summary>红牌: a deadline passed.</summary>
    [JsonStringEnumMemberName("red")] Red,
    /// <summary>A county-tier case passed its deadline: nowhere higher to go, flagged for supervision.</summary>
    [JsonStringEnumMemberName("flagged-overdue")] FlaggedOverdue,
    /// <summary>The county put a case under supervision (督办).</summary>
    [JsonStringEnumMemberName("supervised")] Supervised,
    /// <summary>The township sent a case back to its village.</summary>
    [JsonStringEnumMemberName("returned")] Returned,
}

/// <summary>Where a subscription's notices go, and so the JSON they are written in.</summary>
[JsonConverter(typeof(CodeConverter<NoticeChannel>))]
public enum NoticeChannel
{
    /// <summary>Any HTTP endpoint: the notice as JSON with a Chinese summary.</summary>
    [JsonStringEnumMemberName("webhook")] Webhook,
    /// <summary>企业微信 group robot: {"msgtype":"markdown","markdown":{"content":…}}.</summary>
    [JsonStringEnumMemberName("wecom")] WeCom,
    /// <summary>钉钉 group robot: {"msgtype":"markdown","markdown":{"title":…,"text":…}}, optionally signed.</summary>
    [JsonStringEnumMemberName("dingtalk")] DingTalk,
}
