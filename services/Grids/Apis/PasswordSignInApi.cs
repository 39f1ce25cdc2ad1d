using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>
/// The pages' own sign-in, for a county whose services issue their tokens (docs/sessions.md, "Passwords"):
/// <c>POST /auth/sign-in</c> {account, password} starts the same session as every sign-in (refresh cookie,
/// short access token); a one-time password an administrator set answers 403 <c>password-change-required</c>
/// and starts nothing until <c>POST /auth/change-password</c> replaces it. A wrong account and a wrong
/// password get the same 401; five wrong passwords in a row lock the account for a while (429), and one
/// address may try only so often a minute (SignInRateLimit). Refused attempts go into the audit log, which
/// otherwise keeps only what succeeded.
/// </summary>
public static class PasswordSignInApi
{
    public sealed record SignInRequest(string? Account, string? Password);
    public sealed record ChangePasswordRequest(string? Account, string? CurrentPassword, string? NewPassword);

    /// <summary>The problem's <c>code</c> when the password is one-time and must be replaced first.</summary>
    public const string ChangeRequiredCode = "password-change-required";

    public static void MapPasswordSignInApi(this RouteGroupBuilder auth)
    {
        auth.MapPost("/sign-in", SignInAsync).RequireRateLimiting(SignInRateLimit.Policy)
            .WithSummary("Sign in with account and password").PerformedBy("anyone signing in with a password Grids keeps");
        auth.MapPost("/change-password", ChangeAsync).RequireRateLimiting(SignInRateLimit.Policy)
            .WithSummary("Choose a new password (with the current one) and sign in").PerformedBy("anyone who knows his current password");
    }

    private static async Task<Results<Ok<TokenAnswer>, ValidationProblem, ProblemHttpResult>> SignInAsync(SignInRequest? body, HttpContext http,
        GridsDatabase db, UnitOfWorkRunner<GridsDatabase> runner, TimeProvider time, AuthOptions options, TokenIssuer issuer, RefreshTokens refresh)
    {
        var errors = new FieldErrors().Require("account", body?.Account, StaffChanges.MaxIdLength).Require("password", body?.Password, PasswordRules.MaxLength);
        if (errors.Any) return errors.ToProblem();
        var attempt = await PasswordSignIn.AttemptAsync(db, runner, time, Lockout(options), body!.Account!, body.Password!);
        return attempt switch
        {
            Outcome<PasswordHolder>.Done { Value.MustChange: false } admitted => await StartAsync(http, db, admitted.Value.Staff, issuer, refresh),
            Outcome<PasswordHolder>.Done => TypedResults.Problem(GridsTexts.PasswordChangeRequired, statusCode: StatusCodes.Status403Forbidden,
                title: GridsTexts.PasswordChangeRequiredTitle, extensions: new Dictionary<string, object?> { ["code"] = ChangeRequiredCode }),
            _ => await RefusedAsync(http, db, time, options, attempt, body.Account!, "sign-in"),
        };
    }

    private static async Task<Results<Ok<TokenAnswer>, ValidationProblem, ProblemHttpResult>> ChangeAsync(ChangePasswordRequest? body, HttpContext http,
        GridsDatabase db, UnitOfWorkRunner<GridsDatabase> runner, TimeProvider time, AuthOptions options, TokenIssuer issuer, RefreshTokens refresh)
    {
        var errors = new FieldErrors().Require("account", body?.Account, StaffChanges.MaxIdLength)
            .Require("currentPassword", body?.CurrentPassword, PasswordRules.MaxLength);
        PasswordRules.Check(errors, "newPassword", body?.NewPassword, body?.Account ?? "", body?.CurrentPassword);
        if (errors.Any) return errors.ToProblem();
        var attempt = await PasswordSignIn.AttemptAsync(db, runner, time, Lockout(options), body!.Account!, body.CurrentPassword!);
        if (attempt is not Outcome<PasswordHolder>.Done { Value.Staff: var staff })
            return await RefusedAsync(http, db, time, options, attempt, body.Account!, "password change");
        var hash = PasswordHashing.Hash(body.NewPassword!);
        await runner.RunAsync(uow => PasswordStore.SetAsync(uow, staff.Id, hash, mustChange: false, setBy: staff.Id));
        return await StartAsync(http, db, staff, issuer, refresh);
    }

    private static async Task<Results<Ok<TokenAnswer>, ValidationProblem, ProblemHttpResult>> StartAsync(HttpContext http, GridsDatabase db,
        StaffMember staff, TokenIssuer issuer, RefreshTokens refresh)
    {
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await SignInAnswers.StartSessionAsync(http, c, staff, issuer, refresh));
    }

    private static async Task<Results<Ok<TokenAnswer>, ValidationProblem, ProblemHttpResult>> RefusedAsync(HttpContext http, GridsDatabase db,
        TimeProvider time, AuthOptions options, Outcome<PasswordHolder> attempt, string account, string what)
    {
        var now = time.GetUtcNow();
        var lockedUntil = attempt is Outcome<PasswordHolder>.Conflict { Extensions: { } e } && e.TryGetValue(PasswordSignIn.LockedUntil, out var until)
            ? (DateTimeOffset?)until : null;
        // The audit log keeps what changed; a refused sign-in changed only a counter, but an administrator
        // looking into a break-in wants to see the attempts. An account nobody has is not written down as typed:
        // it may be a password typed into the wrong field, or text meant for whoever reads the log.
        string? target;
        await using (var c = await db.OpenReadAsync())
            target = await StaffStore.FindAsync(c, account) is null ? null : account;
        await AuditLog.AppendAsync(db, now, "anonymous", $"{http.Request.Method} {http.Request.Path}", target,
            $"{what} refused: " + (lockedUntil is not null ? "account locked" : target is null ? "no such account (what was typed is not kept)" : "wrong password"),
            http.Connection.RemoteIpAddress?.ToString());
        if (lockedUntil is not { } locked)
            return TypedResults.Problem(GridsTexts.WrongAccountOrPassword, statusCode: StatusCodes.Status401Unauthorized, title: GridsTexts.SignInRefusedTitle,
                type: "https://tools.ietf.org/html/rfc9110#section-15.5.2");
        var seconds = Math.Max(1, (int)Math.Ceiling((locked - now).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(GridsTexts.AccountLocked(options.PasswordFailuresBeforeLock, (seconds + 59) / 60),
            statusCode: StatusCodes.Status429TooManyRequests, title: GridsTexts.AccountLockedTitle, type: SignInRateLimit.TooManyRequestsType,
            extensions: new Dictionary<string, object?> { [PasswordSignIn.LockedUntil] = locked });
    }

    private static LockoutRule Lockout(AuthOptions options) => new(options.PasswordFailuresBeforeLock, options.PasswordLockout);
}
