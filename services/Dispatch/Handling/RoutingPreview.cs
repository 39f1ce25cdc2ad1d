using System.Text.Json.Serialization;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Handling;

/// <summary>Where a sample case would go: a place, a category and a grade, under the current policy or a draft
/// the administrator is editing (<paramref name="Draft"/>, not stored).</summary>
public sealed record RoutingPreviewQuery(string? UnitCode, Category Category, Grade Grade, RoutingPolicy? Draft);

/// <summary>What <see cref="Router"/> would decide for the sample, now: the tier and unit that would hold it, its
/// clocks, what a missed deadline would do, which rules (by index) matched, and the tiers above told at once (grade I–II). <paramref name="PolicyVersion"/>
/// is null for a draft.</summary>
public sealed record RoutingPreview(
    int? PolicyVersion, Tier Tier, string UnitCode, string UnitName,
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan Deadline,
    DateTimeOffset DueAt, DateTimeOffset? AcknowledgeBy, DateTimeOffset YellowAt,
    DeadlineClock Clock, MissedDeadlineAction OnMissedDeadline, Tier? MovesToOnMissedDeadline,
    int? WeekdaysOnlyYear, IReadOnlyList<int> MatchedRules, IReadOnlyList<Tier> TiersToldAtOnce);

/// <summary>Runs the routing rules the router runs (the same policy methods, ladder and calendar) without filing
/// anything, so the county administrator sees where a case would go before he stores a policy.</summary>
public static class RoutingPreviewer
{
    public static async Task<Outcome<RoutingPreview>> PreviewAsync(DbSession session, PolicyStore policies, CalendarStore calendars,
        RoutingPreviewQuery query, DateTimeOffset now)
    {
        var errors = query.Draft is null ? new FieldErrors() : PolicyValidation.Check(query.Draft, "policy.");
        var chain = string.IsNullOrWhiteSpace(query.UnitCode) ? [] : await UnitCopyStore.ChainAsync(session, query.UnitCode);
        if (chain.Count == 0) errors.Add("unitCode", DispatchTexts.UnitNamesAPlace);
        if (errors.Any) return errors;

        var policy = query.Draft ?? await policies.CurrentAsync(session);
        var decision = policy.Decide(query.Category, query.Grade);
        var unit = EscalationLadder.HandlingUnit(chain, decision.Tier);
        // The router refuses such a filing for good (a case is filed at a courtyard or grid): say so on the field.
        if (unit is null)
            return new FieldErrors().Add("unitCode", DispatchTexts.CannotStartOnTier(Codes.Of(decision.Tier)));
        var clock = policy.ClockFor(query.Category, query.Grade);
        var times = AssignmentClock.Start(policy, await calendars.CurrentAsync(session), clock, decision.Tier, now, decision.Deadline);
        var onMissed = policy.OnMissedDeadlineFor(query.Category, query.Grade);
        return new Outcome<RoutingPreview>.Done(new RoutingPreview(
            query.Draft is null ? policy.Version : null, decision.Tier, unit.Code, unit.Name, decision.Deadline,
            times.DueAt, times.AcknowledgeBy, times.YellowAt, clock, onMissed, MissedDeadlineRule.MovesTo(onMissed, decision.Tier),
            times.WeekdaysOnlyYear, policy.MatchingRules(query.Category, query.Grade), MajorCaseNotice.TiersToTell(query.Grade, decision.Tier)));
    }
}
