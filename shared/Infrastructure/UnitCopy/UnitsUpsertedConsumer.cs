using Governance.Contracts;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;

namespace Governance.Infrastructure.UnitCopy;

/// <summary>Keeps a service's copy of the unit tree current from Grids' announcements.</summary>
public sealed class UnitsUpsertedConsumer<TDatabase>(UnitOfWorkRunner<TDatabase> runner)
    : TransactionalConsumer<TDatabase, UnitsUpserted>(runner) where TDatabase : Database
{
    protected override Task HandleAsync(UnitsUpserted message, UnitOfWork<TDatabase> uow, CancellationToken ct) =>
        UnitCopyStore.UpsertAsync(uow, message.Units);
}
