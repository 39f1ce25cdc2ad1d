using Governance.Dispatch.Handling;
using Governance.Dispatch.Permissions;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>Where a sample case would go under the current policy or a draft (the administrator's policy editor):
/// the routing rules run, nothing is filed or stored. Whoever reads the policy may try it.</summary>
public static class PolicyPreviewApi
{
    /// <summary><c>policy</c>: a draft in the shape of <c>PUT /dispatch/policy</c>; absent, the current version.</summary>
    public sealed record PreviewRequest(string? UnitCode, string? Category, string? Grade, RoutingPolicy? Policy)
    {
        public Outcome<RoutingPreviewQuery> ToQuery()
        {
            var errors = new FieldErrors();
            if (!Codes.TryParse<Category>(Category, out var category)) errors.Add("category", ProblemTexts.OneOf("category", Codes.List<Category>()));
            if (!Codes.TryParse<Grade>(Grade, out var grade)) errors.Add("grade", ProblemTexts.OneOf("grade", Codes.List<Grade>()));
            if (errors.Any) return errors;
            return new Outcome<RoutingPreviewQuery>.Done(new RoutingPreviewQuery(UnitCode?.Trim(), category, grade, Policy));
        }
    }

    public static void MapPolicyPreviewApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/dispatch/policy/preview", Preview).WithSummary("Preview where a routing policy would send a case").Performs(UnitAction.ReadSettings);

    private static async Task<Results<Ok<RoutingPreview>, ValidationProblem, NotFound, ProblemHttpResult>> Preview(
        PreviewRequest? body, DispatchDatabase db, PolicyStore policies, CalendarStore calendars, TimeProvider time)
    {
        var query = (body ?? new PreviewRequest(null, null, null, null)).ToQuery();
        if (query is not Outcome<RoutingPreviewQuery>.Done { Value: var q }) return DispatchModule.Answers.Ok(query.Refused<RoutingPreview>());
        await using var c = await db.OpenReadAsync();
        return DispatchModule.Answers.Ok(await RoutingPreviewer.PreviewAsync(c, policies, calendars, q, time.GetUtcNow()));
    }
}
