using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grids.Apis;

/// <summary>
/// Standalone mode's sign-in: tokens for the demo county's staff, one click away. Mapped only when
/// Auth:DevTokens is on, which the host refuses in distributed mode (there the county's identity
/// provider issues tokens). The token carries the person's role and unit (his jurisdiction) and, for
/// a department handler, his department (so the model can tell a department called in).
/// </summary>
public static class DevTokensApi
{
    public sealed record TokenRequest(string? UserId);

    /// <summary>Maps onto the anonymous /auth group (SignInApi), when Auth:DevTokens is on.</summary>
    public static void MapDevTokensApi(this RouteGroupBuilder auth)
    {
        auth.MapGet("/demo-accounts", async (GridsDatabase db) => TypedResults.Ok(await DemoAccountsAsync(db))).WithSummary("The demo accounts (development sign-in)");
        auth.MapPost("/dev-token", IssueAsync).WithSummary("Sign in as a demo account (development tokens)").PerformedBy("anyone signing in (standalone development tokens only)");
    }

    private static async Task<Results<Ok<TokenAnswer>, ValidationProblem>> IssueAsync(TokenRequest? body, GridsDatabase db, TokenIssuer issuer,
        RefreshTokens refresh, HttpContext http)
    {
        var errors = new Infrastructure.Hosting.FieldErrors().Require("userId", body?.UserId, 64);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        var staff = await StaffStore.FindAsync(c, body!.UserId!);
        if (staff is null || staff.LeftAt is not null) return errors.Add("userId", GridsTexts.NoSuchStaff).ToProblem();
        return TypedResults.Ok(await SignInAnswers.StartSessionAsync(http, c, staff, issuer, refresh));
    }

    /// <summary>The first member of staff in each role: enough to try every user's pages.</summary>
    public static async Task<IReadOnlyList<AccountSummary>> DemoAccountsAsync(GridsDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        return (await DemoAccountStore.FirstOfEachRoleAsync(c))
            .Select(r => new AccountSummary(r.UserId, r.Name, r.Role, r.UnitCode, r.DepartmentId, r.DepartmentName, r.Leader()?.Post, r.Leader()?.LinkedUnits)).ToList();
    }

    /// <summary>Printed at start-up so whoever started it can sign in at once.</summary>
    public static async Task PrintDemoAccountsAsync(IServiceProvider services)
    {
        if (!services.GetRequiredService<AuthOptions>().DevTokens) return;
        Console.WriteLine("Demo accounts (standalone sign-in: POST /auth/dev-token {\"userId\": \"...\"}):");
        foreach (var a in await DemoAccountsAsync(services.GetRequiredService<GridsDatabase>()))
            Console.WriteLine($"  {a.Role,-24} {a.UserId,-40} {a.Name} @ {a.UnitCode}{(a.DepartmentName is null ? "" : $" · {a.DepartmentName}")}"
                + (a.LeaderPost is { } post ? $" · {Infrastructure.Hosting.Codes.Of(post)} 联系点 {string.Join(", ", a.LeaderUnits ?? [])}" : ""));
    }
}
