using Governance.Contracts;
using Governance.Grids.Data;
using Governance.Infrastructure.Messaging;

namespace Governance.Grids.Messaging;

/// <summary>A service keeping a copy of the tree started: announce every unit again.</summary>
public sealed class UnitSnapshotRequestedConsumer(UnitOfWorkRunner<GridsDatabase> runner)
    : TransactionalConsumer<GridsDatabase, UnitSnapshotRequested>(runner)
{
    protected override Task HandleAsync(UnitSnapshotRequested message, UnitOfWork<GridsDatabase> uow, CancellationToken ct) =>
        UnitAnnouncer.AnnounceAllAsync(uow);
}
