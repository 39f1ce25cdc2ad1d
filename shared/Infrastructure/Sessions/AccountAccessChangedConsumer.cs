using Governance.Contracts;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using MassTransit;

namespace Governance.Infrastructure.Sessions;

/// <summary>Keeps a service's copy of the accounts' standing current from Grids' announcements, and
/// drops what this process cached about them once the copy is written.</summary>
public sealed class AccountAccessChangedConsumer<TDatabase>(UnitOfWorkRunner<TDatabase> runner, SessionCheck sessions)
    : TransactionalConsumer<TDatabase, AccountAccessChanged>(runner) where TDatabase : Database
{
    protected override Task HandleAsync(AccountAccessChanged message, UnitOfWork<TDatabase> uow, CancellationToken ct) =>
        AccountCopyStore.UpsertAsync(uow.Connection, uow.Transaction, uow.Provider, message.Accounts);

    protected override Task CommittedAsync(AccountAccessChanged message)
    {
        sessions.Forget(message.Accounts.Select(a => a.AccountId));
        return Task.CompletedTask;
    }
}

/// <summary>For the service that owns the accounts (Grids): nothing to copy, only the cache to drop.</summary>
public sealed class SessionCacheConsumer(SessionCheck sessions) : IConsumer<AccountAccessChanged>
{
    public Task Consume(ConsumeContext<AccountAccessChanged> context)
    {
        sessions.Forget(context.Message.Accounts.Select(a => a.AccountId));
        return Task.CompletedTask;
    }
}
