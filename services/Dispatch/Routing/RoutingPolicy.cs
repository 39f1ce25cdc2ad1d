using System.Text.Json.Serialization;

namespace Governance.Dispatch.Routing;

/// <summary>
/// One line of the routing policy. A rule matches a case when its category and grade (each
/// optional: absent matches any) match. A case starts no lower than the highest
/// <see cref="LowestTier"/> of all rules that match it — so "petition starts no lower than township"
/// is a rule of its own, next to the grade rules. <see cref="OnMissedDeadline"/> and <see cref="Clock"/>
/// override the policy's own for the cases the rule matches (null: the policy's); the most specific
/// matching rule that sets one decides (see <see cref="RoutingPolicy.OnMissedDeadlineFor"/>).
/// </summary>
public sealed record PolicyRule(
    Category? Category,
    Grade? Grade,
    Tier LowestTier,
    [property: JsonConverter(typeof(OptionalDurationJsonConverter))] TimeSpan? Deadline = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MissedDeadlineAction? OnMissedDeadline = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DeadlineClock? Clock = null)
{
    internal bool Matches(Category category, Grade grade) =>
        (Category is null || Category == category) && (Grade is null || Grade == grade);

    internal int Specificity => (Category is null ? 0 : 2) + (Grade is null ? 0 : 1);
}

/// <summary>How long a case may stay on each tier before it climbs (每级办理时限); keyed by tier code on the wire.</summary>
[JsonConverter(typeof(TierDeadlinesJsonConverter))]
[CodeKeyedObject(typeof(Tier), "A duration such as \"3d\", \"24h\", \"1d12h\" or \"90s\".")]
public sealed record TierDeadlines(TimeSpan Courtyard, TimeSpan Village, TimeSpan Township, TimeSpan County)
{
    public TimeSpan For(Tier tier) => tier switch
    {
        Tier.Courtyard => Courtyard,
        Tier.Village => Village,
        Tier.Township => Township,
        Tier.County => County,
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };
}

/// <summary>Where a case starts and how long it has there.</summary>
public sealed record RoutingDecision(Tier Tier, TimeSpan Deadline);

/// <summary>How deadlines count time: calendar time, or working days and hours on the county's
/// calendar (public holidays off, make-up working days 调休 on).</summary>
[JsonConverter(typeof(CodeConverter<DeadlineClock>))]
public enum DeadlineClock
{
    [JsonStringEnumMemberName("natural")] Natural,
    [JsonStringEnumMemberName("working")] Working,
}

/// <summary>
/// The county's routing policy: data, edited by its administrators, versioned. A case keeps the
/// version it started under, so an audit can tell which rule applied.
/// <paramref name="AcknowledgementDeadlines"/>: how long a unit may take to acknowledge (签收) a case
/// that arrives on its tier (null: no acknowledgement clock). <paramref name="YellowFraction"/>: the
/// share of a deadline after which the case shows yellow (黄牌). <paramref name="Clock"/> and
/// <paramref name="OnMissedDeadline"/>: the defaults, which rules override per case.
/// </summary>
/// <remarks>OnMissedDeadline defaults to escalate when a document does not say (a version stored
/// before it existed, or a client that does not know it): that is what every missed deadline did
/// then, so such a version keeps meaning what it meant when it was written.</remarks>
public sealed record RoutingPolicy(
    int Version, IReadOnlyList<PolicyRule> Rules, TierDeadlines Deadlines,
    TierDeadlines? AcknowledgementDeadlines = null, double YellowFraction = 0.75, DeadlineClock Clock = DeadlineClock.Natural,
    MissedDeadlineAction OnMissedDeadline = MissedDeadlineAction.Escalate)
{
    /// <summary>The rules that apply to a case of this category and grade, by their index in
    /// <see cref="Rules"/>: what every decision below reads, and what the policy preview shows.</summary>
    public IReadOnlyList<int> MatchingRules(Category category, Grade grade) =>
        Rules.Select((rule, index) => (rule, index)).Where(r => r.rule.Matches(category, grade)).Select(r => r.index).ToList();

    private List<PolicyRule> Matching(Category category, Grade grade) => MatchingRules(category, grade).Select(i => Rules[i]).ToList();

    public RoutingDecision Decide(Category category, Grade grade)
    {
        var matching = Matching(category, grade);
        var tier = matching.Count == 0 ? Tier.Courtyard : matching.Max(r => r.LowestTier);
        // A rule's own deadline applies when it is the one that set the starting tier; the most
        // specific such rule wins ("grade I at the county: 24 hours", not the county's 15 days).
        var deadline = matching.Where(r => r.LowestTier == tier && r.Deadline is not null)
            .OrderByDescending(r => r.Specificity).Select(r => r.Deadline).FirstOrDefault();
        return new RoutingDecision(tier, deadline ?? Deadlines.For(tier));
    }

    /// <summary>The deadline on a tier a case arrives at by escalation or reopening.</summary>
    public TimeSpan DeadlineOn(Tier tier) => Deadlines.For(tier);

    /// <summary>What a missed deadline (签收 or 办结) does to a case of this category and grade: the most
    /// specific matching rule that says decides; between equally specific rules that disagree, escalate
    /// (the stricter reading); no rule says: the policy's default.</summary>
    public MissedDeadlineAction OnMissedDeadlineFor(Category category, Grade grade) =>
        Setting(category, grade, r => r.OnMissedDeadline, MissedDeadlineAction.Escalate) ?? OnMissedDeadline;

    /// <summary>How this case's deadlines count time, chosen the same way; between equally specific
    /// rules that disagree, calendar time (the one that never gives a time-critical case a weekend).</summary>
    public DeadlineClock ClockFor(Category category, Grade grade) =>
        Setting(category, grade, r => r.Clock, DeadlineClock.Natural) ?? Clock;

    /// <summary>The tier a case holding <paramref name="current"/> goes to when re-graded to
    /// <paramref name="grade"/>: up to where the new grade starts, never lower than it holds (under
    /// Order 493 a graver case is investigated higher up, never lower down).</summary>
    public Tier TierAfterRegrade(Category category, Grade grade, Tier current) =>
        (Tier)Math.Max((int)current, (int)Decide(category, grade).Tier);

    private T? Setting<T>(Category category, Grade grade, Func<PolicyRule, T?> of, T onTie) where T : struct, Enum
    {
        var setting = Matching(category, grade).Where(r => of(r) is not null).ToList();
        if (setting.Count == 0) return null;
        var top = setting.Max(r => r.Specificity);
        var values = setting.Where(r => r.Specificity == top).Select(r => of(r)!.Value).Distinct().ToList();
        return values.Count == 1 ? values[0] : onTie;
    }

    /// <summary>DOMAIN.md's defaults: a starting point the county edits, not law.</summary>
    public static RoutingPolicy Default => DefaultRoutingPolicy.Policy;
}
