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
    public static void MapPolicyApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/policy", GetPolicy).WithSummary("Read the routing policy").Performs(UnitAction.ReadSettings);
        routes.MapPut("/dispatch/policy", PutPolicy).WithSummary("Change the routing policy").Performs(UnitAction.ChangeSettings);
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
        var errors = PolicyValidation.Check(body);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        var stored = await runner.RunAsync(uow => policies.AddVersionAsync(uow, body, by, uow.Now));
        return TypedResults.Ok(stored);
    }
}
