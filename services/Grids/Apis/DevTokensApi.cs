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
    /// <param name="DepartmentId">A department handler's department (its name in <paramref name="DepartmentName"/>).</param>
    /// <param name="LeaderPost">A leader post on top of his role, with the units he is linked to (<paramref name="LeaderUnits"/>).</param>
    public sealed record DemoAccount(string UserId, string Name, string Role, string UnitCode, Guid? DepartmentId = null, string? DepartmentName = null,
        LeaderPostKind? LeaderPost = null, IReadOnlyList<string>? LeaderUnits = null);
    public sealed record TokenRequest(string? UserId);
    public sealed record TokenAnswer(string AccessToken, string TokenType, DemoAccount Account);

    public static void MapDevTokensApi(this IEndpointRouteBuilder routes)
    {
        if (!routes.ServiceProvider.GetRequiredService<AuthOptions>().DevTokens) return;
        var auth = routes.MapGroup("/auth").AllowAnonymous();
        auth.MapGet("/demo-accounts", async (GridsDatabase db) => TypedResults.Ok(await DemoAccountsAsync(db))).WithSummary("The demo accounts (development sign-in)");
        auth.MapPost("/dev-token", IssueAsync).WithSummary("Sign in as a demo account (development tokens)").PerformedBy("anyone signing in (standalone development tokens only)");
        auth.MapSessionCookieApi();
    }

    private static async Task<Results<Ok<TokenAnswer>, ValidationProblem>> IssueAsync(TokenRequest? body, GridsDatabase db, TokenIssuer issuer,
        RefreshTokens refresh, HttpContext http)
    {
        var errors = new Infrastructure.Hosting.FieldErrors().Require("userId", body?.UserId, 64);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        var staff = await StaffStore.FindAsync(c, body!.UserId!);
        if (staff is null || staff.LeftAt is not null) return errors.Add("userId", GridsTexts.NoSuchStaff).ToProblem();
        refresh.Set(http, staff.Id, SecurityStamp.Of(staff));
        AuditActor.Name(http, staff.Id);
        return TypedResults.Ok(await AnswerAsync(c, staff, issuer, refresh.SessionTokenLifetime));
    }

    /// <summary>An access token for a current member of staff, with his stamp (sign-in and refresh).</summary>
    public static async Task<TokenAnswer> AnswerAsync(DbSession session, StaffMember staff, TokenIssuer issuer, TimeSpan lifetime)
    {
        var department = staff.DepartmentId is { } id ? await DepartmentStore.FindAsync(session, id) : null;

        // A leader's linked units (联系点) go into his token: the permission model reads them (relation leader).
        var token = issuer.Issue(staff.Id, staff.Name, [staff.Role], [staff.UnitCode], department: staff.DepartmentId?.ToString(),
            leaderUnits: staff.Leader?.LinkedUnits, stamp: SecurityStamp.Of(staff), lifetime: lifetime);
        return new TokenAnswer(token, "Bearer",
            new DemoAccount(staff.Id, staff.Name, staff.Role, staff.UnitCode, staff.DepartmentId, department?.NameZh, staff.Leader?.Post, staff.Leader?.LinkedUnits));
    }

    /// <summary>The first member of staff in each role: enough to try every user's pages.</summary>
    public static async Task<IReadOnlyList<DemoAccount>> DemoAccountsAsync(GridsDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        return (await DemoAccountStore.FirstOfEachRoleAsync(c))
            .Select(r => new DemoAccount(r.UserId, r.Name, r.Role, r.UnitCode, r.DepartmentId, r.DepartmentName, r.Leader()?.Post, r.Leader()?.LinkedUnits)).ToList();
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
