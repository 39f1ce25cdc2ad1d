using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Governance.Infrastructure.ApiDocs;

/// <summary>What a service's document says about itself: its title, where it is served (relative: the same
/// paths answer at a standalone Host and behind the gateway) and how callers authenticate.</summary>
internal sealed class DocumentHeader(IServiceModule module) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var name = char.ToUpperInvariant(module.Name[0]) + module.Name[1..];
        document.Info = new OpenApiInfo
        {
            Title = $"Governance {name} API",
            // The API's own version, not the build's: the document stays the same from build to build
            // (docs/openapi/ holds it) until an endpoint changes.
            Version = "1",
            Description =
                $"The {name} service of Governance (grid-based grassroots governance). Every path carries the service's prefix " +
                $"({string.Join(", ", module.RoutePrefixes)}), so the same URLs work against a standalone Host and behind the gateway. " +
                "Every call needs a bearer token unless its operation says otherwise. Bad input is answered with an RFC 7807 problem " +
                "naming the field. Each operation's `x-governance-action` names the action of the permission model it performs " +
                "(docs/permissions.md); its description says who may.",
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The gateway, or a standalone Host: the address the document was read from." }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from the county's identity provider (distributed), or POST /auth/dev-token (standalone with development sign-in), or a service token (issue-token).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        return Task.CompletedTask;
    }
}
