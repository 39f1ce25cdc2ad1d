using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Hosting;
using Governance.IntegrationTests.Packaging;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.OpenApi;

/// <summary>The three services' OpenAPI documents as a standalone Host publishes them, read once for the
/// tests of this folder, and where they are kept for vendors (docs/openapi/).</summary>
public static class PublishedDocuments
{
    public static readonly IServiceModule[] Modules = [new GridsModule(), new IncidentsModule(), new DispatchModule()];

    public static string Folder => Path.Combine(PackageOutput.RepositoryRoot, "docs", "openapi");

    public static string FileOf(string service) => Path.Combine(Folder, $"{service}.json");

    /// <summary>Each service's document, read without a token (they are public).</summary>
    public static async Task<IReadOnlyDictionary<string, JsonObject>> ReadAsync(HttpClient anonymous)
    {
        var documents = new Dictionary<string, JsonObject>();
        foreach (var module in Modules)
        {
            using var response = await anonymous.GetAsync(ApiReference.DocumentPath(module.Name));
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{ApiReference.DocumentPath(module.Name)} without a token");
            documents[module.Name] = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
        return documents;
    }

    /// <summary>The text a document is kept as: indented, Chinese left readable, a newline at the end.</summary>
    public static string Text(JsonObject document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    /// <summary>The operations of a document: method (upper case), path, operation.</summary>
    public static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
            .Select(o => (o.Key.ToUpperInvariant(), path.Key, o.Value!.AsObject())));
}
