using System.Text.Json.Serialization;
using Governance.Contracts;

namespace Governance.Dispatch.Routing;

/// <summary>
/// One line of the routing policy. A rule matches a case when its category and grade (each
/// optional: absent matches any) match. A case starts no lower than the highest
/// <see cref="LowestTier"/> of all rules that match it — so "petition starts no lower than township"
/// is a rule of its own, next to the grade rules.
/// </summary>
public sealed record PolicyRule(
    Category? Category,
    Grade? Grade,
    Tier LowestTier,
    [property: JsonConverter(typeof(OptionalDurationJsonConverter))] TimeSpan? Deadline = null)
{
    internal bool Matches(Category category, Grade grade) =>
        (Category is null || Category == category) && (Grade is null || Grade == grade);

    internal int Specificity => (Category is null ? 0 : 2) + (Grade is null ? 0 : 1);
}

/// <summary>How long a case may stay on each tier before it climbs (每级办理时限).</summary>
public sealed record TierDeadlines(
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan Courtyard,
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan Village,
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan Township,
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan County)
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
[JsonConverter(typeof(JsonStringEnumConverter<DeadlineClock>))]
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
/// share of a deadline after which the case shows yellow (黄牌).
/// </summary>
public sealed record RoutingPolicy(
    int Version, IReadOnlyList<PolicyRule> Rules, TierDeadlines Deadlines,
    TierDeadlines? AcknowledgementDeadlines = null, double YellowFraction = 0.75, DeadlineClock Clock = DeadlineClock.Natural)
{
    public RoutingDecision Decide(Category category, Grade grade)
    {
        var matching = Rules.Where(r => r.Matches(category, grade)).ToList();
        var tier = matching.Count == 0 ? Tier.Courtyard : matching.Max(r => r.LowestTier);
        // A rule's own deadline applies when it is the one that set the starting tier; the most
        // specific such rule wins ("grade I at the county: 24 hours", not the county's 15 days).
        var deadline = matching.Where(r => r.LowestTier == tier && r.Deadline is not null)
            .OrderByDescending(r => r.Specificity).Select(r => r.Deadline).FirstOrDefault();
        return new RoutingDecision(tier, deadline ?? Deadlines.For(tier));
    }

    /// <summary>The deadline on a tier a case arrives at by escalation or reopening.</summary>
    public TimeSpan DeadlineOn(Tier tier) => Deadlines.For(tier);

    /// <summary>DOMAIN.md's defaults: a starting point the county edits, not law.</summary>
    public static RoutingPolicy Default { get; } = new(1,
    [
        new(null, Grade.IV, Tier.Courtyard),
        new(null, Grade.III, Tier.Village),
        new(null, Grade.II, Tier.Township),
        new(null, Grade.I, Tier.County, TimeSpan.FromHours(24)),
        new(Category.Dispute, Grade.IV, Tier.Village),            // disputes go to village mediation (乡贤评理堂)
        new(Category.Petition, null, Tier.Township),              // petitions start no lower than the township
        new(Category.Emergency, Grade.II, Tier.County, TimeSpan.FromHours(24)),
        new(Category.Emergency, Grade.I, Tier.County, TimeSpan.FromHours(24)),
    ],
    new TierDeadlines(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromDays(15)),
    new TierDeadlines(TimeSpan.FromHours(12), TimeSpan.FromHours(24), TimeSpan.FromHours(8), TimeSpan.FromHours(4)));
}
