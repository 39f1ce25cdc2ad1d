using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Governance.Infrastructure.ApiDocs;

/// <summary>
/// The problem answers (RFC 7807) an endpoint can give, declared on it from what it is — as
/// ProducesProblem / ProducesValidationProblem would, without a line per route — in the order
/// docs/permissions.md gives them: 401 without a valid token, 404 when the case (or what the route
/// names) does not exist for the caller, 403 when the permission model refuses, 400 naming the fields,
/// 409 when the data as it is does not admit the change (<see cref="Meaning"/> says so in the document). What
/// an endpoint already declares (its typed results) is kept. Also its tag: the class it is mapped in
/// (CaseActionsApi → "Case actions").
/// </summary>
public static class ProblemResponses
{
    private static readonly string[] Writes = ["POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] Problem = ["application/problem+json"];

    public static void Declare(EndpointBuilder endpoint)
    {
        var metadata = endpoint.Metadata;
        var declared = metadata.OfType<DeclaredAction>().LastOrDefault();
        var write = metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods.Any(Writes.Contains) == true;
        var namesSomething = endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 };
        var personal = declared?.Case is not null || declared?.Unit is not null;

        if (write || metadata.OfType<IAcceptsMetadata>().Any())
            Add(metadata, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
        if (!metadata.OfType<IAllowAnonymous>().Any())
            Add(metadata, StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
        if (personal)
            Add(metadata, StatusCodes.Status403Forbidden, typeof(ProblemDetails));
        // The case, what the path names, or what a resident's link or a courtyard's key opens (a read) may not exist.
        if (declared?.Case is not null || namesSomething || declared?.NotAPerson is not null && !write)
            Add(metadata, StatusCodes.Status404NotFound, typeof(ProblemDetails));
        if (write && personal)
            Add(metadata, StatusCodes.Status409Conflict, typeof(ProblemDetails));

        // Declaring problems takes away the 200 ApiExplorer infers for a handler that returns an IResult: keep it.
        if (!metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode is >= 200 and < 300))
            metadata.Insert(0, new ProducesResponseTypeMetadata(StatusCodes.Status200OK));

        if (!metadata.OfType<ITagsMetadata>().Any() && Tag(metadata) is { } tag) metadata.Add(new TagsAttribute(tag));
    }

    private static void Add(IList<object> metadata, int status, Type type)
    {
        if (metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status)) return;
        metadata.Add(new ProducesResponseTypeMetadata(status, type, Problem));
    }

    /// <summary>What a problem answer means on an endpoint with this declaration (the document's response
    /// description: the generator writes only the reason phrase).</summary>
    public static string? Meaning(int status, DeclaredAction? declared) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is wrong: a problem naming each field.",
        StatusCodes.Status401Unauthorized => "No valid bearer token.",
        StatusCodes.Status403Forbidden => "Not the caller's to do: the permission model refuses, saying what the action needs.",
        StatusCodes.Status404NotFound when declared?.Case is not null => "The case does not exist for the caller (he has no relation to it).",
        StatusCodes.Status404NotFound when declared?.NotAPerson is not null => "What the path, link or key names does not exist, or no longer.",
        StatusCodes.Status404NotFound => "What the path names does not exist (for the caller).",
        StatusCodes.Status409Conflict => "The data as it is does not admit it (the case's state now, a duplicate, a change made meanwhile).",
        _ => null,
    };

    /// <summary>The class the handler is written in, less "Api", in words: CaseActionsApi → "Case actions".</summary>
    private static string? Tag(IList<object> metadata)
    {
        var type = metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault()?.DeclaringType;
        while (type is not null && type.Name.StartsWith('<')) type = type.DeclaringType; // a lambda's closure class
        if (type is null) return null;
        var name = type.Name.EndsWith("Api", StringComparison.Ordinal) && type.Name.Length > 3 ? type.Name[..^3] : type.Name;
        var words = new System.Text.StringBuilder();
        foreach (var c in name)
            words.Append(char.IsUpper(c) && words.Length > 0 ? " " + char.ToLowerInvariant(c) : c.ToString());
        return words.ToString();
    }
}
