using System.Text.Json;
using Governance.Contracts;
using Governance.Dispatch.Notices;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

/// <summary>The notice's words and each channel's JSON.</summary>
[TestFixture]
public class NoticeFormatterTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 5, 1, 0, 0, TimeSpan.Zero); // 09:00 in Beijing
    private static readonly Guid Case = Guid.Parse("0195f0a0-0000-7000-8000-000000000001");

    private static readonly Notice Red = new(Case, NoticeKind.Red, Category.Dispute, Grade.IV, Tier.Village, "500101001001",
        "500101001001001001", At, At) { HandlingUnitName = "清石村", PlaceName = "桥柏院落", Sequence = 1 };

    [Test]
    public void A_red_card_says_what_category_grade_and_tier_and_where_the_case_goes_next()
    {
        // A card from before onMissedDeadline (none said) meant escalate.
        Assert.That(NoticeFormatter.Headline(Red), Is.EqualTo("【红牌】矛盾纠纷 · 一般(IV) · 村级 · 已超期，升级至镇级"));
        Assert.That(NoticeFormatter.Headline(Red with { Tier = Tier.County }), Does.EndWith("县级 · 已超期，超期预警至县级"));
    }

    [Test]
    public void A_red_card_of_a_case_that_stays_says_it_is_flagged_to_the_tier_above()
    {
        var supervised = Red with { OnMissed = MissedDeadlineAction.Supervise };
        Assert.That(NoticeFormatter.Headline(supervised), Is.EqualTo("【红牌】矛盾纠纷 · 一般(IV) · 村级 · 已超期，超期预警至镇级"));
        var flagged = Red with { Kind = NoticeKind.FlaggedOverdue, Clock = DeadlineKind.Acknowledgement, FlaggedToTier = Tier.Township };
        Assert.That(NoticeFormatter.Headline(flagged), Is.EqualTo("【超期预警】矛盾纠纷 · 一般(IV) · 村级 · 超时未签收，超期预警至镇级"));
    }

    [Test]
    public void The_facts_name_the_case_the_place_the_unit_and_the_deadline_in_Beijing_time()
    {
        Assert.That(NoticeFormatter.Lines(Red), Is.EqualTo(new[]
        {
            $"案件编号：{Case}",
            "发生地点：桥柏院落（500101001001001001）",
            "承办单位：清石村（500101001001）",
            "办理时限：2026-03-05 09:00（北京时间）",
            "时间：2026-03-05 09:00（北京时间）",
        }));
    }

    [Test]
    public void An_escalation_shows_both_tiers_and_its_reason()
    {
        var escalated = Red with
        {
            Kind = NoticeKind.Escalated, Category = Category.WorkSafety, Grade = Grade.III, FromTier = Tier.Village, Tier = Tier.Township,
            Reason = EscalationReason.HandlerRequested, Note = "需镇级协调",
        };
        Assert.That(NoticeFormatter.Headline(escalated), Is.EqualTo("【升级】安全生产 · 较大(III) · 村级→镇级 · 人工决定升级，升级至镇级"));
        Assert.That(NoticeFormatter.Lines(escalated), Does.Contain("升级原因：人工决定升级（需镇级协调）"));
    }

    [TestCase(NoticeKind.Yellow, 1, "【黄牌】")]
    [TestCase(NoticeKind.Routed, 1, "【新案件】")]
    [TestCase(NoticeKind.Routed, 3, "【重新办理】")]
    [TestCase(NoticeKind.FlaggedOverdue, 1, "【超期预警】")]
    [TestCase(NoticeKind.Supervised, 1, "【督办】")]
    [TestCase(NoticeKind.Returned, 2, "【退回】")]
    public void Each_kind_opens_with_its_tag(NoticeKind kind, int sequence, string tag) =>
        Assert.That(NoticeFormatter.Headline(Red with { Kind = kind, Sequence = sequence }), Does.StartWith(tag));

    [Test]
    public void Typed_text_cannot_break_the_markdown_or_mention_everyone()
    {
        var supervised = Red with { Kind = NoticeKind.Supervised, Note = "限期办结<@all>\n**紧急**", By = "county-supervisor" };
        var lines = NoticeFormatter.Lines(supervised);
        Assert.That(lines, Does.Contain("督办要求：限期办结＜@all＞ **紧急**"));
        Assert.That(lines, Does.Contain("操作人：county-supervisor"));
        Assert.That(NoticeFormatter.Lines(Red with { Kind = NoticeKind.Supervised, Note = new string('长', 500) })
            .Single(l => l.StartsWith("督办要求")), Has.Length.LessThan(220));
    }

    [Test]
    public void A_unit_missing_from_the_copy_is_shown_by_its_code() =>
        Assert.That(NoticeFormatter.Lines(Red with { HandlingUnitName = null }), Does.Contain("承办单位：500101001001"));

    [Test]
    public void WeCom_gets_a_markdown_message_with_the_headline_in_bold()
    {
        using var json = JsonDocument.Parse(NoticeFormatter.Body(NoticeChannel.WeCom, Red));
        Assert.That(json.RootElement.GetProperty("msgtype").GetString(), Is.EqualTo("markdown"));
        var content = json.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.That(content, Does.StartWith("**【红牌】矛盾纠纷 · 一般(IV) · 村级 · 已超期，升级至镇级**\n> 案件编号："));
        Assert.That(json.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "msgtype", "markdown" }));
    }

    [Test]
    public void DingTalk_gets_a_markdown_message_with_a_title()
    {
        using var json = JsonDocument.Parse(NoticeFormatter.Body(NoticeChannel.DingTalk, Red));
        Assert.That(json.RootElement.GetProperty("msgtype").GetString(), Is.EqualTo("markdown"));
        var markdown = json.RootElement.GetProperty("markdown");
        Assert.That(markdown.GetProperty("title").GetString(), Is.EqualTo("【红牌】矛盾纠纷 · 一般(IV) · 村级 · 已超期，升级至镇级"));
        Assert.That(markdown.GetProperty("text").GetString(), Does.StartWith("#### 【红牌】").And.Contain("\n\n> 承办单位：清石村（500101001001）"));
    }

    [Test]
    public void A_plain_webhook_gets_the_event_as_JSON_with_a_Chinese_summary()
    {
        var body = NoticeFormatter.Body(NoticeChannel.Webhook, Red);
        Assert.That(body, Does.Contain("矛盾纠纷"), "Chinese as it is, not \\u escapes");
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("title").GetString(), Is.EqualTo("【红牌】矛盾纠纷 · 一般(IV) · 村级 · 已超期，升级至镇级"));
        Assert.That(json.RootElement.GetProperty("text").GetString(), Is.EqualTo(
            "【红牌】矛盾纠纷 · 一般(IV) · 村级 · 已超期，升级至镇级\n" +
            "案件编号：0195f0a0-0000-7000-8000-000000000001\n" +
            "发生地点：桥柏院落（500101001001001001）\n" +
            "承办单位：清石村（500101001001）\n" +
            "办理时限：2026-03-05 09:00（北京时间）\n" +
            "时间：2026-03-05 09:00（北京时间）"));
        var e = json.RootElement.GetProperty("event");
        Assert.That(e.GetProperty("incidentId").GetGuid(), Is.EqualTo(Case));
        Assert.That((e.GetProperty("kind").GetString(), e.GetProperty("category").GetString(), e.GetProperty("grade").GetString(), e.GetProperty("tier").GetString()),
            Is.EqualTo(("red", "dispute", "IV", "village")));
        Assert.That(e.GetProperty("dueAt").GetDateTimeOffset(), Is.EqualTo(At));
    }

    [Test]
    public void A_stored_notice_reads_back_the_same()
    {
        var escalated = Red with { Kind = NoticeKind.Escalated, FromTier = Tier.Village, Tier = Tier.Township, Reason = EscalationReason.DeadlinePassed, Note = "n", By = "b" };
        Assert.That(DeliveryStore.Deserialize(DeliveryStore.Serialize(escalated)), Is.EqualTo(escalated));
    }
}
