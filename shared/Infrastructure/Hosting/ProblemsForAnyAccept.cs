using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// A problem is answered as problem+json whatever the request's Accept says. The framework's writer declines a request
/// that accepts no JSON (a Prometheus scraper's "Accept: application/openmetrics-text", a browser's image request),
/// and the status-code pages then answer "Status Code: 404; Not Found" in text/plain: a client that reads our
/// problems would find none. This writer comes after the framework's, so it is asked only when that one declined, and
/// writes through it as though problem+json were accepted: the same type, title (in the caller's language), trace id
/// and body. Shared with the gateway (linked there) for its own problems.
/// </summary>
public sealed class ProblemsForAnyAccept(IServiceProvider services) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var framework = services.GetServices<IProblemDetailsWriter>().First(w => w is not ProblemsForAnyAccept);
        var headers = context.HttpContext.Request.Headers;
        var accept = headers.Accept;
        headers.Accept = "application/problem+json";
        try
        {
            await framework.WriteAsync(context);
        }
        finally
        {
            headers.Accept = accept;
        }
    }
}

public static class ProblemsForAnyAcceptSetup
{
    /// <summary>After AddProblemDetails, so that it is the last writer asked.</summary>
    public static IServiceCollection AddProblemsForAnyAccept(this IServiceCollection services) =>
        services.AddSingleton<IProblemDetailsWriter, ProblemsForAnyAccept>();
}
