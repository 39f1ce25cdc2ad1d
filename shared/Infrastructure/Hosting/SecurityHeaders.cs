using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// The headers every answer carries, of the Host and of the gateway alike (issue #13): pages, API,
/// static files, 401/403/404, problems and failures. This file is compiled into both: the gateway links
/// it (Governance.Gateway.csproj) instead of referencing Infrastructure, so it stays free of the bus
/// and database packages, and the two cannot drift apart.
///
/// The policy allows what the pages need and nothing else:
/// - scripts only from our own address (Vite bundles everything; no inline script, no eval);
/// - styles from our own address plus inline style attributes, because ECharts writes its tooltips
///   as HTML with style="…" attributes (echarts/lib/component/tooltip/tooltipMarkup.js); a
///   stylesheet cannot be injected from elsewhere, and an inline style loads nothing the other
///   directives do not allow (images are still img-src's);
/// - images from our own address, data: (the favicon) and blob: (photos read with the token and shown
///   from memory), plus the host of the county's map tiles (Map:TileUrl; none by default) and any other
///   hosts it lists (Security:ContentSecurityPolicy:ImgSources);
/// - no plugins, no &lt;base&gt; elsewhere, no framing by anyone (X-Frame-Options for older browsers),
///   forms submitted only to ourselves (form-action does not fall back to default-src).
/// Set when the answer starts, so that what a proxied service or an error handler did to the headers
/// before cannot remove or double them.
/// </summary>
public static class SecurityHeaders
{
    public const string ImgSourcesKey = "Security:ContentSecurityPolicy:ImgSources";

    /// <summary>The county's map tile address (the Grids service's MapTileOptions serves it to the pages).</summary>
    public const string TileUrlKey = "Map:TileUrl";

    public static string ContentSecurityPolicy(IEnumerable<string> extraImgSources) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        $"img-src {string.Join(' ', new[] { "'self'", "data:", "blob:" }.Concat(extraImgSources))}; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Registers the headers for every answer; first in the pipeline.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var policy = ContentSecurityPolicy(ImgSources(configuration));
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var (response, csp) = ((HttpResponse, string))state;
                var headers = response.Headers;
                headers.ContentSecurityPolicy = csp;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            }, (context.Response, policy));
            return next(context);
        });
    }

    /// <summary>
    /// Extra image sources (a county's map-tile host): a list, or one value separated by spaces or
    /// commas. Each must be one host with an https:// or http:// scheme (a wildcard sub-domain is
    /// allowed, e.g. https://*.tiles.example.cn); anything that would widen the policy further (a bare
    /// scheme, '*', a keyword, another directive) stops the start with the reason.
    /// </summary>
    public static IReadOnlyList<string> ImgSources(IConfiguration configuration)
    {
        var section = configuration.GetSection(ImgSourcesKey);
        var values = section.GetChildren().Any()
            ? section.GetChildren().Select(c => c.Value ?? "")
            : (section.Value ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var sources = values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (TileSource(configuration[TileUrlKey]) is { } tiles && !sources.Contains(tiles, StringComparer.OrdinalIgnoreCase)) sources.Add(tiles);
        foreach (var source in sources)
            if (!IsHostSource(source))
                throw new InvalidOperationException(
                    $"{ImgSourcesKey} (or the host of {TileUrlKey}): '{source}' is not a host such as https://tiles.example.cn (one host with its scheme, optionally *. before it, a port and a path).");
        return sources;
    }

    /// <summary>
    /// The host a tile address template loads from, as a CSP source: scheme and host (and port), with a
    /// first label holding a placeholder ({s} for sub-domains a, b, c; webrd0{s} for 1–4) widened to *.
    /// so every sub-domain the template names is allowed and no other host. Null when no tiles are set.
    /// </summary>
    public static string? TileSource(string? tileUrl)
    {
        if (string.IsNullOrWhiteSpace(tileUrl)) return null;
        var url = tileUrl.Trim();
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return url; // not a host: ImgSources refuses it with the reason
        var authority = url[(schemeEnd + 3)..].Split('/', 2)[0];
        var labels = authority.Split('.');
        if (labels[0].Contains('{')) labels[0] = "*";
        return url[..(schemeEnd + 3)] + string.Join('.', labels);
    }

    private static bool IsHostSource(string source)
    {
        if (source.Length > 200 || source.Any(c => char.IsWhiteSpace(c) || c is ';' or '\'' or '"' or ',' || char.IsControl(c))) return false;
        var scheme = source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "https://"
            : source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "http://" : null;
        if (scheme is null) return false;
        var rest = source[scheme.Length..];
        var host = rest.Split('/', 2)[0].Split(':', 2)[0];
        if (host.StartsWith("*.", StringComparison.Ordinal)) host = host[2..];
        // A real host name: dots between labels of letters, digits and hyphens (no bare '*', no 'localhost'-style wildcard).
        return host.Length > 0 && !host.Contains('*')
            && host.Split('.').All(label => label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
