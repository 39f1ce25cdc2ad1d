using Governance.Dispatch.Handling;

namespace Governance.Dispatch.Routing;

/// <summary>What a routing policy must satisfy before it is stored (PUT) or tried (the preview of a draft):
/// one set of checks, so a draft the preview accepts is one the PUT accepts. Field names are the JSON
/// names, under <c>prefix</c> when the policy is part of a larger body (<c>policy.rules[3].deadline</c>).</summary>
public static class PolicyValidation
{
    private static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(366);

    public static FieldErrors Check(RoutingPolicy? body, string prefix = "")
    {
        var errors = new FieldErrors();
        if (body is null) return errors.Add(prefix.TrimEnd('.') is { Length: > 0 } p ? p : "rules", DispatchTexts.PolicyRequired);
        if (body.Rules is null || body.Rules.Count == 0) errors.Add($"{prefix}rules", DispatchTexts.RulesAtLeastOne);
        else if (body.Rules.Count > 500) errors.Add($"{prefix}rules", DispatchTexts.RulesAtMost500);
        else
            for (var i = 0; i < body.Rules.Count; i++)
            {
                var rule = body.Rules[i];
                var at = $"{prefix}rules[{i}]";
                if (rule is null) { errors.Add(at, DispatchTexts.RuleObject); continue; }
                if (!Enum.IsDefined(rule.LowestTier))
                    errors.Add($"{at}.lowestTier", ProblemTexts.OneOf("lowestTier", Codes.List<Tier>()));
                if (rule.Deadline is { } d && d > LongestDeadline)
                    errors.Add($"{at}.deadline", DispatchTexts.DeadlineAtMost366d);
                if (rule.OnMissedDeadline is { } action && !Enum.IsDefined(action))
                    errors.Add($"{at}.onMissedDeadline", DispatchTexts.OneOfOrPolicy("onMissedDeadline", Codes.List<MissedDeadlineAction>()));
                if (rule.Clock is { } clock && !Enum.IsDefined(clock))
                    errors.Add($"{at}.clock", DispatchTexts.OneOfOrPolicy("clock", Codes.List<DeadlineClock>()));
            }
        CheckDeadlines(errors, prefix, "deadlines", body.Deadlines, required: true);
        CheckDeadlines(errors, prefix, "acknowledgementDeadlines", body.AcknowledgementDeadlines, required: false);
        if (!double.IsFinite(body.YellowFraction) || body.YellowFraction is <= 0 or >= 1)
            errors.Add($"{prefix}yellowFraction", DispatchTexts.YellowFraction);
        if (!Enum.IsDefined(body.Clock)) errors.Add($"{prefix}clock", DispatchTexts.ClockKinds);
        if (!Enum.IsDefined(body.OnMissedDeadline))
            errors.Add($"{prefix}onMissedDeadline", ProblemTexts.OneOf("onMissedDeadline", Codes.List<MissedDeadlineAction>()));
        return errors;
    }

    private static void CheckDeadlines(FieldErrors errors, string prefix, string field, TierDeadlines? deadlines, bool required)
    {
        if (deadlines is null)
        {
            if (required) errors.Add($"{prefix}{field}", DispatchTexts.DeadlineEachTier(field));
            return;
        }
        foreach (var tier in Enum.GetValues<Tier>())
        {
            var deadline = deadlines.For(tier);
            if (deadline <= TimeSpan.Zero || deadline > LongestDeadline)
                errors.Add($"{prefix}{field}.{Codes.Of(tier)}", DispatchTexts.DurationRange($"{field}.{Codes.Of(tier)}"));
        }
    }
}
