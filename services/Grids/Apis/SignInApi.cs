using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grids.Apis;

/// <summary>
/// Everything under /auth, anonymous by nature: the ways to sign in this county offers, the sign-ins
/// themselves, and the session they start (docs/sessions.md). Nothing is mapped when the county's identity
/// provider issues the tokens (Auth:Authority): then its own pages sign people in.
/// </summary>
public static class SignInApi
{
    /// <summary>What the sign-in page offers: the demo accounts (standalone), a password form, or both.</summary>
    public sealed record SignInMethods(bool DemoAccounts, bool Password);

    public static void MapSignInApi(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<AuthOptions>();
        if (!options.DevTokens && !options.OffersPasswords) return;
        var auth = routes.MapGroup("/auth").AllowAnonymous();
        auth.MapGet("/methods", () => TypedResults.Ok(new SignInMethods(options.DevTokens, options.OffersPasswords)))
            .WithSummary("The ways of signing in this county offers");
        if (options.DevTokens) auth.MapDevTokensApi();
        if (options.OffersPasswords) auth.MapPasswordSignInApi();
        auth.MapSessionCookieApi();
    }
}
