using Governance.Dispatch.Routing;
using Governance.Dispatch.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>The routing policy: read the current version, write a new one. A body without
/// onMissedDeadline means escalate, as a stored version from before it does (docs/deadlines.md).</summary>
public static class PolicyApi
{
    private static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(366);

    public static void MapPolicyApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/policy", GetPolicy).Performs(UnitAction.ReadSettings);
        routes.MapPut("/dispatch/policy", PutPolicy).Performs(UnitAction.ChangeSettings);
    }

    private static async Task<Ok<RoutingPolicy>> GetPolicy(DispatchDatabase db, PolicyStore policies)
    {
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await policies.CurrentAsync(c));
    }

    /// <summary>Stores the body as the next version. Cases already routed keep theirs.</summary>
    private static async Task<Results<Ok<RoutingPolicy>, ValidationProblem>> PutPolicy(
        RoutingPolicy body, UnitOfWorkRunner<DispatchDatabase> runner, PolicyStore policies, HttpContext http)
    {
        var errors = Validate(body);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        var stored = await runner.RunAsync(uow => policies.AddVersionAsync(uow, body, by, uow.Now));
        return TypedResults.Ok(stored);
    }

    private static FieldErrors Validate(RoutingPolicy body)
    {
        var errors = new FieldErrors();
        if (body.Rules is null || body.Rules.Count == 0) errors.Add("rules", "rules must list at least one rule.");
        else if (body.Rules.Count > 500) errors.Add("rules", "rules may list at most 500 rules.");
        else
            for (var i = 0; i < body.Rules.Count; i++)
            {
                var rule = body.Rules[i];
                if (rule is null) { errors.Add($"rules[{i}]", "A rule must be an object."); continue; }
                if (!Enum.IsDefined(rule.LowestTier))
                    errors.Add($"rules[{i}].lowestTier", $"lowestTier must be one of {Codes.List<Tier>()}.");
                if (rule.Deadline is { } d && d > LongestDeadline)
                    errors.Add($"rules[{i}].deadline", "deadline must be at most 366d.");
                if (rule.OnMissedDeadline is { } action && !Enum.IsDefined(action))
                    errors.Add($"rules[{i}].onMissedDeadline", $"onMissedDeadline must be one of {Codes.List<MissedDeadlineAction>()} (or absent: the policy's).");
                if (rule.Clock is { } clock && !Enum.IsDefined(clock))
                    errors.Add($"rules[{i}].clock", $"clock must be one of {Codes.List<DeadlineClock>()} (or absent: the policy's).");
            }
        ValidateDeadlines(errors, "deadlines", body.Deadlines, required: true);
        ValidateDeadlines(errors, "acknowledgementDeadlines", body.AcknowledgementDeadlines, required: false);
        if (!double.IsFinite(body.YellowFraction) || body.YellowFraction is <= 0 or >= 1)
            errors.Add("yellowFraction", "yellowFraction must be between 0 and 1 (0.75: yellow when three quarters of a deadline are used).");
        if (!Enum.IsDefined(body.Clock)) errors.Add("clock", "clock must be natural or working.");
        if (!Enum.IsDefined(body.OnMissedDeadline))
            errors.Add("onMissedDeadline", $"onMissedDeadline must be one of {Codes.List<MissedDeadlineAction>()}.");
        return errors;
    }

    private static void ValidateDeadlines(FieldErrors errors, string field, TierDeadlines? deadlines, bool required)
    {
        if (deadlines is null)
        {
            if (required) errors.Add(field, $"{field} must give a deadline for each tier.");
            return;
        }
        foreach (var tier in Enum.GetValues<Tier>())
        {
            var deadline = deadlines.For(tier);
            if (deadline <= TimeSpan.Zero || deadline > LongestDeadline)
                errors.Add($"{field}.{Codes.Of(tier)}", $"{field}.{Codes.Of(tier)} must be a duration from 1s to 366d.");
        }
    }
}
