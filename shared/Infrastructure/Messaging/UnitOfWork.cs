using System.Data.Common;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Outbox;

namespace Governance.Infrastructure.Messaging;

/// <summary>One open transaction of a service, with its outbox: what a handler needs to change
/// state and announce it atomically.</summary>
public sealed class UnitOfWork<TDatabase>(DbConnection connection, DbTransaction transaction, Outbox<TDatabase> outbox, DateTimeOffset now)
    where TDatabase : Database
{
    public DbConnection Connection => connection;
    public DbTransaction Transaction => transaction;
    public DatabaseProvider Provider => outbox.Database.Provider;
    /// <summary>The moment this unit of work happens, read once from the TimeProvider.</summary>
    public DateTimeOffset Now => now;

    /// <summary>Queues a message to be published once (and only if) the transaction commits.</summary>
    public Task PublishAsync(object message) => outbox.AddAsync(connection, transaction, message);
}
