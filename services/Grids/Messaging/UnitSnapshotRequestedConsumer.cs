using Governance.Grids.Handling;

namespace Governance.Grids.Messaging;

/// <summary>A service keeping a copy of the tree started: announce every unit (and every department,
/// which Dispatch needs to give a case to the right office, and every person's access, which the
/// session check needs to refuse a left account's token, and every revoked service token) again.</summary>
public sealed class UnitSnapshotRequestedConsumer(UnitOfWorkRunner<GridsDatabase> runner)
    : TransactionalConsumer<GridsDatabase, UnitSnapshotRequested>(runner)
{
    protected override async Task HandleAsync(UnitSnapshotRequested message, UnitOfWork<GridsDatabase> uow, CancellationToken ct)
    {
        await UnitAnnouncer.AnnounceAllAsync(uow);
        await DepartmentAnnouncer.AnnounceAsync(uow, await DepartmentStore.ListAsync(uow, null, null));
        await StaffAnnouncer.AnnounceAccessAsync(uow, await StaffStore.AllAsync(uow));
        await ServiceAccounts.AnnounceAsync(uow,
            await ServiceAccountStore.ListAsync(uow, ServiceAccounts.SnapshotLimit, 0, revokedOnly: true));

    }
}
