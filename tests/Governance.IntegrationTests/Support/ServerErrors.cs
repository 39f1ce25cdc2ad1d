using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// Every server error (5xx other than 503) any in-process Host answered during the run, recorded by the
/// outermost middleware (<see cref="Recorder"/>, added by InProcessHost): the security suite's "zero 5xx
/// in the whole run", asserted after each test (NoServerErrorsInTheRunAttribute). 503 is
/// left out: it is the designed answer of a service not ready yet (the readiness probe while starting).
/// </summary>
public static class ServerErrors
{
    public static ConcurrentQueue<string> Seen { get; } = new();

    public sealed class Recorder : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                if (context.Response.StatusCode >= 500 && context.Response.StatusCode != StatusCodes.Status503ServiceUnavailable)
                    Seen.Enqueue($"{context.Response.StatusCode} {context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            });
            next(app);
        };
    }
}
