using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Security;

/// <summary>An endpoint filter that lets only the named roles through (403 otherwise): county
/// administrators edit the policy, the county supervises, township dispatchers dispatch.</summary>
public sealed class RoleFilter(params string[] roles) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Caller.Of(context.HttpContext).HasAnyRole(roles)
            ? await next(context)
            : TypedResults.Problem($"This needs one of the roles: {string.Join(", ", roles)}.", statusCode: StatusCodes.Status403Forbidden,
                title: "Not your role");

    public static readonly string[] County = [Roles.CountyAdministrator, Roles.CountySupervisor];
    public static readonly string[] Dispatchers = [Roles.TownshipDispatcher, Roles.CountyAdministrator, Roles.CountySupervisor];
}
