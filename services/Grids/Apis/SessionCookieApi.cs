using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>
/// The session behind the tokens we issue (docs/sessions.md): sign-in sets a refresh cookie
/// (HttpOnly, SameSite=Strict, Path=/auth); <c>POST /auth/refresh</c> answers a new access token while
/// the account is still current — not left, same stamp — and otherwise clears the cookie with 401;
/// without a cookie there is no session: 204, so that a page asking on load whether someone is signed in
/// logs no failed request. <c>POST /auth/sign-out</c> clears it and records the session as ended, so that a copy
/// of the cookie taken before is refused as well. Mapped with every sign-in (SignInApi).
/// </summary>
public static class SessionCookieApi
{
    public static void MapSessionCookieApi(this RouteGroupBuilder auth)
    {
        auth.MapPost("/refresh", RefreshAsync).WithSummary("Renew the session's access token from its cookie").PerformedBy("the holder of a session cookie");
        auth.MapPost("/sign-out", SignOutAsync).WithSummary("Sign out: end the session").PerformedBy("the holder of a session cookie");
    }

    private static async Task<Results<Ok<TokenAnswer>, NoContent, ProblemHttpResult>> RefreshAsync(
        HttpContext http, RefreshTokens refresh, GridsDatabase db, TokenIssuer issuer)
    {
        if (!RefreshTokens.Present(http)) return TypedResults.NoContent();
        if (await refresh.ReadAsync(http) is not { } session) return Ended(http, GridsTexts.SessionExpired);
        await using var c = await db.OpenReadAsync();
        if (await EndedSessionStore.EndedAsync(c, session.Id)) return Ended(http, GridsTexts.SessionExpired);
        var staff = await StaffStore.FindAsync(c, session.Subject);
        if (staff is null || staff.LeftAt is not null || SecurityStamp.Of(staff) != session.Stamp)
            return Ended(http, GridsTexts.AccountChanged);
        // A password reset or changed after this session began ends it: whoever knew the old one is out.
        if (await PasswordStore.FindAsync(c, staff.Id) is { } password && session.SignedInAt < password.SetAt)
            return Ended(http, GridsTexts.PasswordChanged);
        AuditActor.Name(http, staff.Id);
        return TypedResults.Ok(await SignInAnswers.AnswerAsync(c, staff, issuer, refresh.SessionTokenLifetime));
    }

    /// <summary>Ends the session on the server, not only in this browser: its cookie may have been copied (a
    /// shared office computer, a script that ran once). A cookie that is absent, altered or expired has no
    /// session to end; it is cleared all the same.</summary>
    private static async Task<NoContent> SignOutAsync(HttpContext http, RefreshTokens refresh, UnitOfWorkRunner<GridsDatabase> runner)
    {
        if (await refresh.ReadAsync(http) is { } session)
        {
            await runner.RunAsync(uow => EndedSessionStore.EndAsync(uow, session.Id, session.Subject, session.ExpiresAt));
            AuditActor.Name(http, session.Subject);
        }
        RefreshTokens.Clear(http);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Ended(HttpContext http, string why)
    {
        RefreshTokens.Clear(http);
        return TypedResults.Problem(why, statusCode: StatusCodes.Status401Unauthorized, title: GridsTexts.SessionEndedTitle);
    }
}
