using System.Text.Json.Nodes;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Governance.Infrastructure.ApiDocs;

/// <summary>
/// The action each operation performs, from the declaration its endpoint carries (<see cref="DeclaredAction"/>,
/// the metadata that brings the permission filter): as <c>x-governance-action</c> and, with who may, in its
/// description. Never written per route: a route's declaration is the one source, here and for the check.
/// </summary>
public static class ActionDescriptions
{
    public const string Extension = "x-governance-action";

    /// <summary>A route that declares no action and needs a sign-in: any signed-in person may call it, and
    /// its handler answers only what lies within his reach (the reads of lists, boards and the directory).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>A route that declares no action and needs no sign-in (Open311 reads with their API key, the catalogue).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>A route no signed-in person performs (sign-in; a resident with his link; a client system with its key).</summary>
    public const string NotAPerson = "not-a-person";

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var declared = metadata.OfType<DeclaredAction>().LastOrDefault();
        var (code, who) = Describe(declared, anonymous);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create(code)!);
        var permission = $"**Action:** `{code}` — {who}";
        operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? permission : $"{operation.Description}\n\n{permission}";
        operation.OperationId ??= OperationIds.Of(context.Description);
        foreach (var (status, response) in operation.Responses ?? [])
            if (response is OpenApiResponse answer && int.TryParse(status, out var number) && ProblemResponses.Meaning(number, declared) is { } meaning)
                answer.Description = meaning;
        // No sign-in: an empty requirement overrides the document's bearer requirement.
        if (anonymous) operation.Security = [new OpenApiSecurityRequirement()];
        return Task.CompletedTask;
    }

    /// <summary>The action's code and who may perform it, from the permission tables themselves.</summary>
    public static (string Code, string Who) Describe(DeclaredAction? declared, bool anonymous) => declared switch
    {
        { Case: { } action } => ($"case:{Authority.Authority.Code(action)}",
            $"a case action of the permission model (docs/permissions.md), allowed to: {string.Join("; ", CasePermissions.Table[action])}. " +
            "Checked before anything else: 404 when the case does not exist for the caller, 403 when he may read it but not do this."),
        { Unit: { } action } => ($"unit:{Authority.Authority.Code(action)}",
            $"a unit action of the permission model (docs/permissions.md), allowed to: {string.Join("; ", UnitPermissions.Table[action].Select(Grantee))}. " +
            "The caller's roles, and the unit the request names, are checked before the handler runs: 403 when they do not allow it."),
        { NotAPerson: { } who } => (NotAPerson, $"performed by {who}, not by a signed-in person."),
        _ when anonymous => (Anonymous, "no action of the permission model: open without sign-in."),
        _ => (SignedIn, "no action declared on the route: any signed-in person may call it, and it answers only what lies within his units' reach."),
    };

    private static string Grantee(UnitGrant grant)
    {
        var roles = grant.Roles is null ? "any role" : string.Join(" or ", grant.Roles);
        return grant.Scope switch
        {
            UnitScope.County => $"{roles}, anywhere in the county",
            UnitScope.OwnSubtree => $"{roles}, at a unit in his own subtree",
            UnitScope.OwnSubtreeBelowTownship => $"{roles}, at a unit below the township inside his own subtree",
            UnitScope.LinkedUnits => $"{roles}, at a unit he is linked to as a leader (联系点) or below it",
            _ => roles,
        };
    }
}
