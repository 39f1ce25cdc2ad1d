using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Infrastructure.Security;

/// <summary>Signs tokens with the configured symmetric key: the standalone development endpoint and
/// tests use it; a county's OIDC provider replaces it in production.</summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider time)
{
    public string Issue(string subject, string name, IEnumerable<string> roles, IEnumerable<string> units,
        string? department = null, IEnumerable<string>? leaderUnits = null, string? stamp = null, TimeSpan? lifetime = null, string? tokenId = null)
    {
        var claims = new List<Claim> { new(GovernanceClaims.Subject, subject), new(GovernanceClaims.Name, name) };
        claims.AddRange(roles.Select(r => new Claim(GovernanceClaims.Role, r)));
        claims.AddRange(units.Select(u => new Claim(GovernanceClaims.Unit, u)));
        if (department is not null) claims.Add(new Claim(GovernanceClaims.DepartmentClaim, department));
        claims.AddRange((leaderUnits ?? []).Select(u => new Claim(GovernanceClaims.LeaderUnitClaim, u)));
        if (stamp is not null) claims.Add(new Claim(GovernanceClaims.Stamp, stamp));
        if (tokenId is not null) claims.Add(new Claim(GovernanceClaims.TokenId, tokenId));
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now + (lifetime ?? options.TokenLifetime),
            SigningCredentials = new SigningCredentials(Key(options), SecurityAlgorithms.HmacSha256),
        });
    }

    public static SymmetricSecurityKey Key(AuthOptions options) =>
        options.SigningKey is { Length: >= 32 } key
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key))
            : throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters (or configure Auth:Authority).");
}
