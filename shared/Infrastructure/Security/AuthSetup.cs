using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Sessions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Infrastructure.Security;

/// <summary>
/// JWT bearer authentication on every endpoint (a fallback policy: an endpoint is public only when
/// it says AllowAnonymous). Keys come from configuration: a shared signing key, or an OIDC authority.
/// </summary>
public static class AuthSetup
{
    public static AuthOptions AddGovernanceAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        var transport = builder.Configuration.GetValue("Messaging:Transport", TransportKind.InMemory);
        // The development token endpoint hands a token to anyone who asks: never in distributed mode.
        if (options.DevTokens && transport != TransportKind.InMemory)
            throw new InvalidOperationException("Auth:DevTokens is for standalone mode only; distributed mode takes tokens from the county's identity provider.");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<RefreshTokens>();
        // Sessions end when people leave or change role: each module registers where it learns that.
        builder.Services.AddSingleton<SessionCheck>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false; // keep "sub", "role", "unit" as they are
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                RoleClaimType = GovernanceClaims.Role,
                NameClaimType = GovernanceClaims.Name,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            jwt.Events = new JwtBearerEvents { OnTokenValidated = SessionCheck.OnTokenValidatedAsync };
            if (!string.IsNullOrEmpty(options.Authority)) jwt.Authority = options.Authority;
            else if (options.Enabled) jwt.TokenValidationParameters.IssuerSigningKey = TokenIssuer.Key(options);
        });
        builder.Services.AddAuthorization(authorization =>
        {
            if (options.Enabled)
                authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        return options;
    }
}
