using Governance.Infrastructure.Sessions;

namespace Governance.Grids.Data;

/// <summary>Grids owns the accounts: it reads a person's standing from its own staff table rather
/// than from a copy, and a service token's (its id prefixed, SessionCheck.TokenAccount) from the
/// recorded service tokens.</summary>
public sealed class GridsAccountStandings(GridsDatabase db) : IAccountStandingSource
{
    private static readonly string TokenPrefix = SessionCheck.TokenAccount("");

    public async Task<AccountStanding?> FindAsync(string accountId, CancellationToken ct)
    {
        await using var session = await db.OpenReadAsync(ct);
        if (accountId.StartsWith(TokenPrefix, StringComparison.Ordinal))
            return await ServiceAccountStore.FindAsync(session, accountId[TokenPrefix.Length..]) is { } token
                ? new AccountStanding("", token.RevokedAt is not null)
                : null;
        return await StaffStore.FindAsync(session, accountId) is { } member

            ? new AccountStanding(SecurityStamp.Of(member), member.LeftAt is not null)
            : null;
    }
}
