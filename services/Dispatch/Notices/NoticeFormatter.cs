using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Governance.Dispatch.Routing;

namespace Governance.Dispatch.Notices;

/// <summary>
/// Writes a notice for each channel: Chinese first, one headline that says what happened
/// ("【红牌】矛盾纠纷 · 一般(IV) · 村级 · 已超期，升级至镇级") and the facts a duty officer needs
/// (case, place, handling unit, deadline). Pure: the same notice always gives the same text.
/// </summary>
public static class NoticeFormatter
{
    /// <summary>Times are shown as the county reads its clocks: Beijing time.</summary>
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private const int LongestNote = 200;

    /// <summary>camelCase JSON with the stable codes; Chinese as it is, not as \u escapes.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Headline(Notice n)
    {
        var tiers = n.FromTier is { } from ? $"{NoticeLabels.Of(from)}→{NoticeLabels.Of(n.Tier)}" : NoticeLabels.Of(n.Tier);
        return $"{NoticeLabels.Tag(n)}{NoticeLabels.Of(n.Category)} · {NoticeLabels.Of(n.Grade)} · {tiers} · {What(n)}";
    }

    private static string What(Notice n) => n.Kind switch
    {
        NoticeKind.Routed => n.Sequence <= 1 ? "已派遣，请及时签收办理" : "核查未通过，重新计时办理",
        NoticeKind.Escalated => n.Reason is { } reason ? $"{NoticeLabels.Of(reason)}，升级至{NoticeLabels.Of(n.Tier)}" : $"升级至{NoticeLabels.Of(n.Tier)}",
        NoticeKind.Yellow => "办理时限即将到期",
        // A passed deadline moves the case one tier up (escalate), or keeps it with its unit and flags
        // it to the tier above (supervise, and always at the top).
        NoticeKind.Red => MissedDeadlineRule.MovesTo(n.OnMissed ?? MissedDeadlineAction.Escalate, n.Tier) is { } next
            ? $"已超期，升级至{NoticeLabels.Of(next)}"
            : $"已超期，超期预警至{NoticeLabels.Of(MissedDeadlineRule.FlaggedTo(n.Tier))}",
        NoticeKind.FlaggedOverdue => $"{(n.Clock == DeadlineKind.Acknowledgement ? "超时未签收" : "办理时限已过未办结")}，" +
            $"超期预警至{NoticeLabels.Of(n.FlaggedToTier ?? MissedDeadlineRule.FlaggedTo(n.Tier))}",
        NoticeKind.Supervised => "督办",
        _ => $"退回{NoticeLabels.Of(n.Tier)}办理",
    };

    /// <summary>The facts under the headline, one per line.</summary>
    public static IReadOnlyList<string> Lines(Notice n)
    {
        var lines = new List<string>
        {
            $"案件编号：{n.IncidentId}",
            $"发生地点：{Unit(n.PlaceName, n.PlaceCode)}",
            $"承办单位：{Unit(n.HandlingUnitName, n.HandlingUnitCode)}",
        };
        if (n.DueAt is { } due) lines.Add($"办理时限：{Time(due)}");
        var note = Clean(n.Note);
        switch (n.Kind)
        {
            case NoticeKind.Escalated when n.Reason is { } reason:
                lines.Add(note is null ? $"升级原因：{NoticeLabels.Of(reason)}" : $"升级原因：{NoticeLabels.Of(reason)}（{note}）");
                break;
            case NoticeKind.Returned when note is not null:
                lines.Add($"退回理由：{note}");
                break;
            case NoticeKind.Supervised when note is not null:
                lines.Add($"督办要求：{note}");
                break;
        }
        if (Clean(n.By) is { } by) lines.Add($"操作人：{by}");
        lines.Add($"时间：{Time(n.At)}");
        return lines;
    }

    /// <summary>Plain text: the headline, then the facts.</summary>
    public static string Text(Notice n) => string.Join('\n', Lines(n).Prepend(Headline(n)));

    /// <summary>The HTTP body for a channel.</summary>
    public static string Body(NoticeChannel channel, Notice n) => channel switch
    {
        NoticeChannel.WeCom => JsonSerializer.Serialize(new
        {
            msgtype = "markdown",
            markdown = new { content = $"**{Headline(n)}**\n" + string.Join('\n', Lines(n).Select(l => "> " + l)) },
        }, Json),
        // DingTalk's markdown needs a blank line to break a line; its title is what the chat list shows.
        NoticeChannel.DingTalk => JsonSerializer.Serialize(new
        {
            msgtype = "markdown",
            markdown = new { title = Headline(n), text = $"#### {Headline(n)}\n\n" + string.Join("\n\n", Lines(n).Select(l => "> " + l)) },
        }, Json),
        _ => JsonSerializer.Serialize(new { title = Headline(n), text = Text(n), @event = n }, Json),
    };

    private static string Unit(string? name, string code) => Clean(name) is { } clean ? $"{clean}（{code}）" : code;

    private static string Time(DateTimeOffset at) =>
        at.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（北京时间）";

    /// <summary>Text people typed goes into markdown: one line, bounded, and no angle brackets (a robot
    /// would read "&lt;@all&gt;" as a mention or "&lt;font&gt;" as markup).</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var chars = text.Trim().Select(c => c switch { '<' => '＜', '>' => '＞', _ when char.IsControl(c) => ' ', _ => c }).ToArray();
        var clean = new string(chars);
        return clean.Length <= LongestNote ? clean : clean[..LongestNote] + "…";
    }
}
