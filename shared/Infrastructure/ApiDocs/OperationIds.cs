using System.Text;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Governance.Infrastructure.ApiDocs;

/// <summary>An operation's id from its method and path (GET /incidents/{id}/photos → getIncidentsByIdPhotos):
/// unique because method and path are, and stable for client generators as long as the route is.</summary>
internal static class OperationIds
{
    public static string Of(ApiDescription description)
    {
        var id = new StringBuilder((description.HttpMethod ?? "any").ToLowerInvariant());
        foreach (var segment in (description.RelativePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries))
            foreach (var piece in segment.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
                id.Append(piece.StartsWith('{') ? "By" + Word(piece.Trim('{', '}').Split(':', '=', '?')[0]) : Word(piece));
        return id.ToString();
    }

    private static string Word(string text) => text.Length == 0 ? "" : char.ToUpperInvariant(text[0]) + text[1..];
}
