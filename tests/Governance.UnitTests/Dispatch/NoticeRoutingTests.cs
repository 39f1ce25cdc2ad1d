using Governance.Contracts;
using Governance.Dispatch.Notices;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

/// <summary>分级分类推送: which subscription rules a notice goes to.</summary>
[TestFixture]
public class NoticeRoutingTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly Guid Case = Guid.Parse("0195f0a0-0000-7000-8000-000000000001");

    /// <summary>A work-safety case of grade III, filed at a courtyard of township 500101001000, now escalated to that township.</summary>
    private static readonly Notice Escalation = new(Case, NoticeKind.Escalated, Category.WorkSafety, Grade.III, Tier.Township,
        "500101001000", "500101001001001001", At.AddDays(7), At) { FromTier = Tier.Village, Sequence = 2, Reason = EscalationReason.DeadlinePassed };

    private static NoticeSubscription Rule(
        NoticeKind[]? events = null, Category[]? categories = null, Grade[]? grades = null, Tier[]? tiers = null,
        string? prefix = null, bool enabled = true) =>
        new(Guid.NewGuid(), "rule", categories ?? [], grades ?? [], tiers ?? [], prefix, events ?? [NoticeKind.Escalated],
            NoticeChannel.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", null, enabled, At, At, "test");

    [Test]
    public void A_rule_without_filters_takes_every_notice_of_its_events()
    {
        Assert.That(NoticeRouting.Matches(Rule(), Escalation), Is.True);
        Assert.That(NoticeRouting.Matches(Rule(events: [NoticeKind.Red, NoticeKind.Yellow]), Escalation), Is.False);
    }

    [Test]
    public void Township_tier_work_safety_escalations_in_the_township_match()
    {
        var rule = Rule(categories: [Category.WorkSafety], tiers: [Tier.Township], prefix: "500101001");
        Assert.That(NoticeRouting.Matches(rule, Escalation), Is.True);
    }

    [TestCase(Category.Dispute, false)]
    [TestCase(Category.WorkSafety, true)]
    public void The_category_filter_admits_only_its_categories(Category category, bool matches) =>
        Assert.That(NoticeRouting.Matches(Rule(categories: [category, Category.Petition]), Escalation), Is.EqualTo(matches));

    [TestCase(Grade.III, true)]
    [TestCase(Grade.II, false)]
    public void The_grade_filter_admits_only_its_grades(Grade grade, bool matches) =>
        Assert.That(NoticeRouting.Matches(Rule(grades: [grade, Grade.I]), Escalation), Is.EqualTo(matches));

    [Test]
    public void The_tier_filter_looks_at_the_tier_the_case_arrived_at_not_the_one_it_left()
    {
        Assert.That(NoticeRouting.Matches(Rule(tiers: [Tier.Township]), Escalation), Is.True);
        Assert.That(NoticeRouting.Matches(Rule(tiers: [Tier.Village]), Escalation), Is.False);
    }

    [TestCase("500101", true, TestName = "the whole county")]
    [TestCase("500101001", true, TestName = "the township 500101001000")]
    [TestCase("500101001001", true, TestName = "the village 500101001001")]
    [TestCase("500101002", false, TestName = "another township")]
    [TestCase("500101001002", false, TestName = "another village of the same township")]
    public void The_unit_filter_is_a_subtree_of_the_place_where_the_case_happened(string prefix, bool matches) =>
        Assert.That(NoticeRouting.Matches(Rule(prefix: prefix), Escalation), Is.EqualTo(matches));

    [Test]
    public void A_county_case_still_reaches_the_township_it_happened_in()
    {
        var atCounty = Escalation with { Tier = Tier.County, FromTier = Tier.Township, HandlingUnitCode = "500101000000" };
        Assert.That(NoticeRouting.Matches(Rule(prefix: "500101001"), atCounty), Is.True);
    }

    [Test]
    public void A_disabled_rule_takes_nothing() =>
        Assert.That(NoticeRouting.Matches(Rule(enabled: false), Escalation), Is.False);

    [Test]
    public void Select_keeps_the_matching_rules_only()
    {
        var wanted = Rule(categories: [Category.WorkSafety]);
        var other = Rule(categories: [Category.Dispute]);
        Assert.That(NoticeRouting.Select([other, wanted, Rule(enabled: false)], Escalation), Is.EqualTo(new[] { wanted }));
    }

    [Test]
    public void The_event_key_names_the_fact_so_a_repeat_is_recognised()
    {
        Assert.That(NoticeRouting.EventKey(Escalation), Is.EqualTo($"{Case:N}:escalated:2"));
        Assert.That(NoticeRouting.EventKey(Escalation with { At = At.AddSeconds(5) }), Is.EqualTo(NoticeRouting.EventKey(Escalation)),
            "the same move announced again is the same fact");
        Assert.That(NoticeRouting.EventKey(Escalation with { Sequence = 3 }), Is.Not.EqualTo(NoticeRouting.EventKey(Escalation)));
    }

    [Test]
    public void A_card_belongs_to_its_deadline_and_a_supervision_to_its_moment()
    {
        var yellow = Escalation with { Kind = NoticeKind.Yellow };
        Assert.That(NoticeRouting.EventKey(yellow), Is.EqualTo($"{Case:N}:yellow:{At.AddDays(7).ToUnixTimeMilliseconds()}"));
        Assert.That(NoticeRouting.EventKey(yellow with { Kind = NoticeKind.Red }), Is.Not.EqualTo(NoticeRouting.EventKey(yellow)));
        var supervised = Escalation with { Kind = NoticeKind.Supervised };
        Assert.That(NoticeRouting.EventKey(supervised), Is.EqualTo($"{Case:N}:supervised:{At.ToUnixTimeMilliseconds()}"));
    }
}
