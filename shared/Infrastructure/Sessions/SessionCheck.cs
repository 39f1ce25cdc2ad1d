using System.Collections.Concurrent;
using System.Security.Claims;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Sessions;

/// <summary>
/// Refuses a validly signed token whose account left (or was revoked) or whose security stamp no
/// longer matches — its role, unit or department changed since it was issued. Runs after the
/// signature check (JwtBearer's OnTokenValidated). What a process knows of an account is kept
/// <see cref="CacheFor"/> at most, and dropped as soon as an AccountAccessChanged message arrives, so a
/// change takes effect within a minute even on an instance whose queue partner got the message.
/// An account nobody announced (a test identity, an identity provider's user unknown to Grids) is
/// accepted: the copy fills as messages arrive. A token without a stamp (issued before stamps, or by
/// an identity provider) is checked for leaving only. A token with an id (jti) is also refused once
/// that id is revoked (service tokens from issue-token).
/// </summary>
public sealed class SessionCheck(IEnumerable<IAccountStandingSource> sources, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(20);
    /// <summary>Above this many accounts known, expired entries are swept out (tokens with ids of their
    /// own, e.g. an identity provider's, would otherwise pile up).</summary>
    private const int SweepAbove = 10_000;

    /// <summary>The account a service token's standing is kept under: its id (jti), apart from people's ids.</summary>
    public static string TokenAccount(string tokenId) => $"token:{tokenId}";

    // In standalone all modules register a source; the first (Grids, if hosted) is the freshest.
    private readonly IAccountStandingSource? _source = sources.FirstOrDefault();
    private readonly ConcurrentDictionary<string, (AccountStanding? Standing, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    /// <summary>Why the token must be refused, or null when it may be used.</summary>
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_source is null || user.FindFirst(GovernanceClaims.Subject)?.Value is not { Length: > 0 } account) return null;
        if (user.FindFirst(GovernanceClaims.TokenId)?.Value is { Length: > 0 } tokenId && (await StandingAsync(TokenAccount(tokenId), ct))?.Left == true)
            return "This service token was revoked.";
        var standing = await StandingAsync(account, ct);
        if (standing is null) return null;
        if (standing.Left) return "This account has left the service or was revoked; its tokens are no longer accepted.";
        var stamp = user.FindFirst(GovernanceClaims.Stamp)?.Value;
        return stamp is not null && stamp != standing.Stamp
            ? "This account's role, unit or department changed since the token was issued; sign in again."
            : null;
    }

    /// <summary>The standing of <paramref name="account"/> now, bypassing the cache (token refresh, issuing).</summary>
    public async Task<AccountStanding?> CurrentAsync(string account, CancellationToken ct)
    {
        Forget([account]);
        return await StandingAsync(account, ct);
    }

    public void Forget(IEnumerable<string> accounts)
    {
        foreach (var account in accounts) _known.TryRemove(account, out _);
    }

    private async Task<AccountStanding?> StandingAsync(string account, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_known.TryGetValue(account, out var known) && known.Until > now) return known.Standing;
        var standing = await _source!.FindAsync(account, ct);
        if (_known.Count > SweepAbove)
            foreach (var (key, entry) in _known)
                if (entry.Until <= now) _known.TryRemove(key, out _);
        _known[account] = (standing, now + CacheFor);
        return standing;
    }

    /// <summary>JwtBearerEvents.OnTokenValidated: a refusal fails authentication (401 problem details).</summary>
    public static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        if (context.Principal is null) return;
        var check = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
        if (await check.RefusalAsync(context.Principal, context.HttpContext.RequestAborted) is { } why)
            context.Fail(why);
    }
}
