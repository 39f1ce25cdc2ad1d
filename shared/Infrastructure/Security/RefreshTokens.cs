using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Infrastructure.Security;

/// <summary>
/// The refresh token of a session we issue (docs/sessions.md): the account and its security stamp,
/// signed with the services' key for an audience of its own, so that it is never accepted as an access
/// token. Each session has an id of its own (jti): signing out records it as ended on the server, so a copy
/// of the cookie taken earlier stops working too. It lives only in an HttpOnly, SameSite=Strict cookie scoped to /auth: script cannot read it,
/// and another site's page cannot make the browser send it.
/// </summary>
public sealed class RefreshTokens(AuthOptions options, TimeProvider time)
{
    public const string Cookie = "governance-refresh";
    public const string CookiePath = "/auth";

    private string Audience => $"{options.Audience}-refresh";

    /// <summary>How long the access tokens of such a session live (Auth:SessionTokenLifetime).</summary>
    public TimeSpan SessionTokenLifetime => options.SessionTokenLifetime;

    public void Set(HttpContext http, string subject, string stamp)
    {
        var at = time.GetUtcNow();
        var now = at.UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(GovernanceClaims.Subject, subject), new Claim(GovernanceClaims.Stamp, stamp),
                new Claim(GovernanceClaims.TokenId, Guid.CreateVersion7().ToString("N")),
                new Claim(GovernanceClaims.SignedInAt, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64)]),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now + options.RefreshLifetime,
            SigningCredentials = new SigningCredentials(TokenIssuer.Key(options), SecurityAlgorithms.HmacSha256),
        });
        http.Response.Cookies.Append(Cookie, token, CookieOptions(http, now + options.RefreshLifetime));
    }

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(Cookie, CookieOptions(http, null));

    public static bool Present(HttpContext http) => http.Request.Cookies.ContainsKey(Cookie);

    /// <summary>The session of the request's refresh cookie; null when absent, altered or expired, and for a cookie
    /// issued before sessions had ids (its holder signs in once more).</summary>
    public async Task<RefreshSession?> ReadAsync(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var token) || string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = TokenIssuer.Key(options),
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        if (!result.IsValid) return null;
        var claims = result.ClaimsIdentity;
        return claims.FindFirst(GovernanceClaims.Subject)?.Value is { } subject
               && claims.FindFirst(GovernanceClaims.Stamp)?.Value is { } stamp
               && claims.FindFirst(GovernanceClaims.TokenId)?.Value is { Length: > 0 and <= 64 } sessionId
               && long.TryParse(claims.FindFirst(GovernanceClaims.SignedInAt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var signedIn)
            ? new RefreshSession(sessionId, subject, stamp, DateTimeOffset.FromUnixTimeMilliseconds(signedIn), new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero))
            : null;
    }

    private static CookieOptions CookieOptions(HttpContext http, DateTime? expires) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}

/// <summary>A session read from its refresh cookie: its id, who, with which stamp, signed in when, valid until when.</summary>
public sealed record RefreshSession(string Id, string Subject, string Stamp, DateTimeOffset SignedInAt, DateTimeOffset ExpiresAt);
