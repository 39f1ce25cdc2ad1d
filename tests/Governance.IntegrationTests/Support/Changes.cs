using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;

namespace Governance.IntegrationTests.Support;

/// <summary>Units of work on a database outside a host, for tests that call stores directly: a
/// store writes only through a unit of work, as in production.</summary>
internal static class Changes
{
    public static UnitOfWorkRunner<TDatabase> Runner<TDatabase>(TDatabase db) where TDatabase : Database =>
        new(db, new Outbox<TDatabase>(db, TimeProvider.System), TimeProvider.System);
}
