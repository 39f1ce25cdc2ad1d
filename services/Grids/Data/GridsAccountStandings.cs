using Governance.Grids.Model;
using Governance.Infrastructure.Sessions;

namespace Governance.Grids.Data;

/// <summary>Grids owns the accounts: it reads a person's standing from its own staff table rather
/// than from a copy.</summary>
public sealed class GridsAccountStandings(GridsDatabase db) : IAccountStandingSource
{
    public async Task<AccountStanding?> FindAsync(string accountId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await StaffStore.FindAsync(c, accountId) is { } member
            ? new AccountStanding(SecurityStamp.Of(member), member.LeftAt is not null)
            : null;
    }
}
