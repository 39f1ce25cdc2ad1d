using Governance.Grids.Handling;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Http;

namespace Governance.Grids.Apis;

/// <summary>Who is signed in, as the pages show him: his post, unit and department.</summary>
/// <param name="DepartmentId">A department handler's department (its name in <paramref name="DepartmentName"/>).</param>
/// <param name="LeaderPost">A leader post on top of his role, with the units he is linked to (<paramref name="LeaderUnits"/>).</param>
public sealed record AccountSummary(string UserId, string Name, string Role, string UnitCode, Guid? DepartmentId = null, string? DepartmentName = null,
    LeaderPostKind? LeaderPost = null, IReadOnlyList<string>? LeaderUnits = null);

/// <summary>What every way of signing in answers (demo account, password, refresh): an access token and who it names.</summary>
public sealed record TokenAnswer(string AccessToken, string TokenType, AccountSummary Account);

/// <summary>The one way a session starts, whatever proved who he is: the refresh cookie, then an access token.</summary>
public static class SignInAnswers
{
    /// <summary>Starts the session of a current member of staff: sets the refresh cookie and answers his first access token.</summary>
    public static async Task<TokenAnswer> StartSessionAsync(HttpContext http, DbSession session, StaffMember staff, TokenIssuer issuer, RefreshTokens refresh)
    {
        refresh.Set(http, staff.Id, SecurityStamp.Of(staff));
        AuditActor.Name(http, staff.Id);
        return await AnswerAsync(session, staff, issuer, refresh.SessionTokenLifetime);
    }

    /// <summary>An access token for a current member of staff, with his stamp (sign-in and refresh).</summary>
    public static async Task<TokenAnswer> AnswerAsync(DbSession session, StaffMember staff, TokenIssuer issuer, TimeSpan lifetime)
    {
        var department = staff.DepartmentId is { } id ? await DepartmentStore.FindAsync(session, id) : null;

        // A leader's linked units (联系点) go into his token: the permission model reads them (relation leader).
        var token = issuer.Issue(staff.Id, staff.Name, [staff.Role], [staff.UnitCode], department: staff.DepartmentId?.ToString(),
            leaderUnits: staff.Leader?.LinkedUnits, stamp: SecurityStamp.Of(staff), lifetime: lifetime);
        return new TokenAnswer(token, "Bearer",
            new AccountSummary(staff.Id, staff.Name, staff.Role, staff.UnitCode, staff.DepartmentId, department?.NameZh, staff.Leader?.Post, staff.Leader?.LinkedUnits));
    }
}
