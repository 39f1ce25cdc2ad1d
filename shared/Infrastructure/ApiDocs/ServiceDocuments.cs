using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.ApiDocs;

/// <summary>
/// Each hosted service publishes its OpenAPI document at /openapi/{service}.json (docs/api.md): the
/// endpoints under the route prefixes its module declares, with the summary each mapping gives, the
/// problem answers the permission model and the handlers can give (<see cref="ProblemResponses"/>) and the
/// action each route performs (<see cref="ActionDescriptions"/>). Generated from the running endpoints,
/// so a route cannot be added without appearing (OpenApiDocumentsTests checks both ways).
/// </summary>
public static class ServiceDocuments
{
    public static void AddServiceDocuments(this IServiceCollection services, IReadOnlyList<IServiceModule> modules)
    {
        foreach (var module in modules)
            services.AddOpenApi(module.Name, options =>
            {
                options.ShouldInclude = description => BelongsTo(module, description);
                options.AddDocumentTransformer(new DocumentHeader(module));
                options.AddOperationTransformer(ActionDescriptions.TransformAsync);
                options.AddSchemaTransformer<CodeSchemas>();
            });
    }

    /// <summary>The documents of the hosted services and the reference page over them, open without sign-in:
    /// they describe the API, they hold no data.</summary>
    public static void MapServiceDocuments(this WebApplication app, IReadOnlyList<IServiceModule> modules)
    {
        var names = modules.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        app.MapOpenApi(ApiReference.DocumentPath("{documentName}")).AllowAnonymous().Add(endpoint =>
        {
            // The framework answers a name it has no document for in text/plain ("No OpenAPI document with the name
            // 'v1' was found."); a bare 404 instead becomes the problem every other unknown path gets (status-code pages).
            var document = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                if (context.GetRouteValue("documentName") is string name && names.Contains(name)) return document(context);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        app.MapApiReference(modules.Select(m => m.Name).ToList());
    }

    /// <summary>The endpoints every service maps: the problem answers and tags they document are declared
    /// on each by <see cref="ProblemResponses"/> once all its own metadata is in.</summary>
    public static RouteGroupBuilder ServiceEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("");
        ((IEndpointConventionBuilder)group).Finally(ProblemResponses.Declare);
        return group;
    }

    private static bool BelongsTo(IServiceModule module, ApiDescription description) =>
        ServiceRoutes.IsUnder(module.RoutePrefixes, new PathString("/" + description.RelativePath));
}
