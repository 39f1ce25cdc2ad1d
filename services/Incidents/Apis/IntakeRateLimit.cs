using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Governance.Incidents.Handling;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Apis;

/// <summary>
/// Intake is rate-limited per caller (a signed-in user, or an Open311 client by its address), so a
/// runaway client or a script cannot flood a county's queue. The limit is configuration
/// ("Incidents:Intake:PermitsPerMinute"); an integration that legitimately files more gets its own.
/// </summary>
public static class IntakeRateLimit
{
    public const string Policy = "intake";

    public static void AddIntakeRateLimit(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration("Incidents:Intake").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<IntakeOptions>>((options, intake) =>
        {
            var permits = intake.Value.PermitsPerMinute;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                // One rejection for every policy of the host (intake, the resident's 回访 page): say which limit it was.
                var intake = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy;
                // A problem like every other: problem+json, staff's intake in the caller's language (the resident pages'
                // limit speaks both at once, as their other messages do).
                await context.HttpContext.Response.WriteAsJsonAsync(new
                {
                    type = "https://tools.ietf.org/html/rfc6585#section-4",
                    title = intake ? IncidentsTexts.TooManyFilingsTitle : "Too many requests", status = 429,
                    detail = intake ? IncidentsTexts.TooManyFilings(permits) : "请稍后再试。 Too many requests from this address; try again in a minute.",
                }, options: null, contentType: "application/problem+json", ct);
            };
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.IsAuthenticated == true ? $"user:{Caller.Of(http).Id}" : AddressLimits.Key(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }
}

/// <summary>The public pages' limits (回访, the courtyard's page): no one is signed in, so the client address is the caller.</summary>
public static class PerAddressRateLimit
{
    public static RateLimiterOptions AddPerAddressPolicy(this RateLimiterOptions options, string policy, int permits, TimeSpan window) =>
        options.AddPolicy(policy, http => AddressLimits.PerAddress(http, permits, window));
}

/// <summary>Configuration section "Incidents:Intake".</summary>
public sealed class IntakeOptions
{
    /// <summary>Filings a minute per caller.</summary>
    [Range(1, int.MaxValue)]
    public int PermitsPerMinute { get; set; } = 600;
}
