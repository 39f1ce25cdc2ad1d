using System.Globalization;

namespace Governance.Dispatch.Notices;

/// <summary>Which subscriptions a notice goes to, and the key that makes it go to each only once.
/// Pure code: no I/O, so it reads like the rule and is tested in microseconds.</summary>
public static class NoticeRouting
{
    /// <summary>True when the subscription is on and every filter it sets admits the notice.
    /// The tier is the one the case is on now (where an escalation arrived); the unit filter looks
    /// at the place the case happened, so "this township" also hears of its cases at the county.</summary>
    public static bool Matches(NoticeSubscription subscription, Notice notice) =>
        subscription.Enabled
        && subscription.Events.Contains(notice.Kind)
        && (subscription.Categories.Count == 0 || subscription.Categories.Contains(notice.Category))
        && (subscription.Grades.Count == 0 || subscription.Grades.Contains(notice.Grade))
        && (subscription.Tiers.Count == 0 || subscription.Tiers.Contains(notice.Tier))
        && (string.IsNullOrEmpty(subscription.UnitCodePrefix) || notice.PlaceCode.StartsWith(subscription.UnitCodePrefix, StringComparison.Ordinal));

    public static IReadOnlyList<NoticeSubscription> Select(IEnumerable<NoticeSubscription> subscriptions, Notice notice) =>
        subscriptions.Where(s => Matches(s, notice)).ToList();

    /// <summary>
    /// Names the fact a notice announces, so the same fact is delivered once per subscription even if
    /// its event arrives twice under different message ids (the inbox catches repeats of one id).
    /// Moves are numbered per case; a card belongs to one deadline; the rest happen at one moment.
    /// </summary>
    public static string EventKey(Notice notice)
    {
        var discriminator = notice.Kind switch
        {
            NoticeKind.Routed or NoticeKind.Escalated or NoticeKind.Returned => notice.Sequence.ToString(CultureInfo.InvariantCulture),
            NoticeKind.Yellow or NoticeKind.Red => (notice.DueAt ?? notice.At).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            _ => notice.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        return $"{notice.IncidentId:N}:{Infrastructure.Hosting.Codes.Of(notice.Kind)}:{discriminator}";
    }
}
