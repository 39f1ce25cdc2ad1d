using System.Threading.RateLimiting;
using Governance.Grids.Handling;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace Governance.Grids.Apis;

/// <summary>
/// Sign-in attempts per client address (Auth:SignInPermitsPerMinute): the account lockout stops guessing one
/// person's password; this stops trying one guess against many accounts, and bounds the hashing work an
/// address can ask for. Its own rejection, so the answer says which limit it was, in the request's language.
/// </summary>
public sealed class SignInRateLimit(AuthOptions options) : IRateLimiterPolicy<string>
{
    public const string Policy = "sign-in";
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = "60";
        await TypedResults.Problem(GridsTexts.TooManySignIns(options.SignInPermitsPerMinute), statusCode: StatusCodes.Status429TooManyRequests,
            title: GridsTexts.TooManySignInsTitle, type: TooManyRequestsType).ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http) => AddressLimits.PerAddress(http, options.SignInPermitsPerMinute, TimeSpan.FromMinutes(1));
}
