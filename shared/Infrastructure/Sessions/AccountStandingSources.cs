using Governance.Infrastructure.Data;

namespace Governance.Infrastructure.Sessions;

/// <summary>Where a process learns an account's standing: Grids from its own staff and service
/// accounts, the other services from their copy. Null: the account is unknown here.</summary>
public interface IAccountStandingSource
{
    Task<AccountStanding?> FindAsync(string accountId, CancellationToken ct);
}

/// <summary>A service's copy of the accounts' standing (account_copy), fed by AccountAccessChanged.</summary>
public sealed class AccountCopySource<TDatabase>(TDatabase db) : IAccountStandingSource where TDatabase : Database
{
    public async Task<AccountStanding?> FindAsync(string accountId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await AccountCopyStore.FindAsync(c, accountId);
    }
}
