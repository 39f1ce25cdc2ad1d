namespace Governance.Infrastructure.Security;

/// <summary>Configuration section "Auth": who issues the tokens the services accept.</summary>
public sealed class AuthOptions
{
    /// <summary>Off only for local experiments; every shipped configuration turns it on.</summary>
    public bool Enabled { get; set; } = true;
    public string Issuer { get; set; } = "governance";
    public string Audience { get; set; } = "governance";
    /// <summary>Symmetric signing key (at least 32 characters) shared by the services. Leave empty when an
    /// OIDC provider (Keycloak …) signs the tokens: set <see cref="Authority"/> instead.</summary>
    public string? SigningKey { get; set; }
    /// <summary>OIDC authority whose published keys validate tokens (e.g. https://sso.county/realms/governance).</summary>
    public string? Authority { get; set; }
    /// <summary>Standalone only: POST /auth/dev-token hands out tokens for the demo accounts.</summary>
    public bool DevTokens { get; set; }
    /// <summary>Tokens without a session behind them: issue-token's service tokens.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
    /// <summary>Access tokens of a session we issue (sign-in, refresh): short, since the pages renew them
    /// from the refresh cookie; what a token stolen by a script can do ends with it (docs/sessions.md).</summary>
    public TimeSpan SessionTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>How long a session we issue lasts without signing in again: the refresh cookie's
    /// lifetime (a grid worker's working day; docs/sessions.md).</summary>
    public TimeSpan RefreshLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The pages' own sign-in with account and password (POST /auth/sign-in, docs/sessions.md), offered
    /// whenever the services issue tokens themselves (no <see cref="Authority"/>). Off for a county whose
    /// people sign in only through its identity provider.</summary>
    public bool PasswordSignIn { get; set; } = true;
    /// <summary>Wrong passwords in a row that lock an account for <see cref="PasswordLockout"/>.</summary>
    public int PasswordFailuresBeforeLock { get; set; } = 5;
    public TimeSpan PasswordLockout { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Sign-in and password-change attempts a minute from one address: enough for a township office
    /// behind one address at the start of the day, too few to try many accounts' passwords.</summary>
    public int SignInPermitsPerMinute { get; set; } = 30;

    /// <summary>The services issue the tokens (a shared key, no identity provider): sessions are ours.</summary>
    public bool IssuesTokens => Enabled && string.IsNullOrWhiteSpace(Authority);
    public bool OffersPasswords => IssuesTokens && PasswordSignIn;
}
