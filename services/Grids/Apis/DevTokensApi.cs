using Dapper;
using Governance.Grids.Data;
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
/// provider issues tokens). The token carries the person's role and unit: his jurisdiction.
/// </summary>
public static class DevTokensApi
{
    public sealed record DemoAccount(string UserId, string Name, string Role, string UnitCode);
    public sealed record TokenRequest(string? UserId);
    public sealed record TokenAnswer(string AccessToken, string TokenType, DemoAccount Account);

    public static void MapDevTokensApi(this IEndpointRouteBuilder routes)
    {
        if (!routes.ServiceProvider.GetRequiredService<AuthOptions>().DevTokens) return;
        var auth = routes.MapGroup("/auth").AllowAnonymous();
        auth.MapGet("/demo-accounts", async (GridsDatabase db) => TypedResults.Ok(await DemoAccountsAsync(db)));
        auth.MapPost("/dev-token", IssueAsync);
    }

    private static async Task<Results<Ok<TokenAnswer>, ValidationProblem>> IssueAsync(TokenRequest? body, GridsDatabase db, TokenIssuer issuer)
    {
        var errors = new Infrastructure.Hosting.FieldErrors().Require("userId", body?.UserId, 64);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenAsync();
        var staff = await StaffStore.FindAsync(c, body!.UserId!);
        if (staff is null || staff.LeftAt is not null) return errors.Add("userId", "No such member of staff.").ToProblem();
        var token = issuer.Issue(staff.Id, staff.Name, [staff.Role], [staff.UnitCode]);
        return TypedResults.Ok(new TokenAnswer(token, "Bearer", new DemoAccount(staff.Id, staff.Name, staff.Role, staff.UnitCode)));
    }

    /// <summary>The first member of staff in each role: enough to try every user's pages.</summary>
    public static async Task<IReadOnlyList<DemoAccount>> DemoAccountsAsync(GridsDatabase db)
    {
        await using var c = await db.OpenAsync();
        var rows = await c.QueryAsync<DemoAccount>("""
            SELECT s.id AS UserId, s.name AS Name, s.role AS Role, s.unit_code AS UnitCode FROM staff s
            WHERE s.id = (SELECT MIN(o.id) FROM staff o WHERE o.role = s.role)
            ORDER BY s.role
            """);
        return rows.ToList();
    }

    /// <summary>Printed at start-up so whoever started it can sign in at once.</summary>
    public static async Task PrintDemoAccountsAsync(IServiceProvider services)
    {
        if (!services.GetRequiredService<AuthOptions>().DevTokens) return;
        Console.WriteLine("Demo accounts (standalone sign-in: POST /auth/dev-token {\"userId\": \"...\"}):");
        foreach (var a in await DemoAccountsAsync(services.GetRequiredService<GridsDatabase>()))
            Console.WriteLine($"  {a.Role,-24} {a.UserId,-40} {a.Name} @ {a.UnitCode}");
    }
}
