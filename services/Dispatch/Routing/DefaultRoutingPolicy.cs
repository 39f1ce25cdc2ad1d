namespace Governance.Dispatch.Routing;

/// <summary>
/// DOMAIN.md's default routing policy (docs/deadlines.md has it as a table). Ordinary matters stay
/// with the unit responsible for the place when late and are pressed from above (supervise, 矛盾不上交);
/// work safety, emergencies and grades I–II climb (escalate). Work safety and emergencies follow the
/// law rather than the village: a hazard (IV) starts at the township (安监站 / 应急办 hold the
/// enforcement powers), III and above at the county. Grade I and emergencies count calendar hours.
/// </summary>
internal static class DefaultRoutingPolicy
{
    private const MissedDeadlineAction Escalate = MissedDeadlineAction.Escalate;
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    public static RoutingPolicy Policy { get; } = new(1,
    [
        new(null, Grade.IV, Tier.Courtyard),
        new(null, Grade.III, Tier.Village),
        new(null, Grade.II, Tier.Township, OnMissedDeadline: Escalate),
        new(null, Grade.I, Tier.County, Day, Escalate, DeadlineClock.Natural),
        new(Category.Dispute, Grade.IV, Tier.Village),            // disputes go to village mediation (乡贤评理堂)
        new(Category.Petition, null, Tier.Township),              // petitions start no lower than the township
        new(Category.WorkSafety, null, Tier.Township, OnMissedDeadline: Escalate),
        new(Category.WorkSafety, Grade.III, Tier.County),
        new(Category.WorkSafety, Grade.II, Tier.County),
        new(Category.WorkSafety, Grade.I, Tier.County),
        new(Category.Emergency, null, Tier.Township, OnMissedDeadline: Escalate, Clock: DeadlineClock.Natural),
        new(Category.Emergency, Grade.III, Tier.County, TimeSpan.FromHours(72)),
        new(Category.Emergency, Grade.II, Tier.County, Day),
        new(Category.Emergency, Grade.I, Tier.County, Day),
    ],
    new TierDeadlines(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromDays(15)),
    new TierDeadlines(TimeSpan.FromHours(12), TimeSpan.FromHours(24), TimeSpan.FromHours(8), TimeSpan.FromHours(4)),
    Clock: DeadlineClock.Natural,
    OnMissedDeadline: MissedDeadlineAction.Supervise);
}
