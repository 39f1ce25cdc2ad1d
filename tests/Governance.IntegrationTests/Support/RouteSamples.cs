using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// Every (method, route pattern) a host maps, read from its routing table, so that a test over "every
/// endpoint" covers a new one without anyone remembering to; and paths made from the patterns.
/// </summary>
public static class RouteSamples
{
    public static IReadOnlyList<(string Method, string Pattern)> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText ?? "")))
            .Where(e => e.Item2.Length > 0)
            .Distinct().ToList();

    /// <summary>A path from a pattern: {id:guid} becomes <paramref name="id"/>, {year:int} 2026, {format} json,
    /// any other value <paramref name="text"/> (escaped).</summary>
    public static string Fill(string pattern, Guid id, string text) =>
        Regex.Replace(pattern, @"\{(\*?\*?)([^}:]+)(:[^}]+)?\}", m =>
        {
            var name = m.Groups[2].Value;
            var constraint = m.Groups[3].Value;
            if (constraint.Contains("guid")) return id.ToString();
            if (constraint.Contains("int")) return "2026";
            if (name == "format") return "json";
            return Uri.EscapeDataString(text);
        });
}
