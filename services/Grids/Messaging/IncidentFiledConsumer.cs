using Governance.Grids.Handling;
using Microsoft.Extensions.Options;

namespace Governance.Grids.Messaging;

/// <summary>A case was filed: the filer's cases found (and settled on the spot), and the patrol it was filed during.</summary>
public sealed class IncidentFiledConsumer(UnitOfWorkRunner<GridsDatabase> runner, IOptions<PatrolOptions> patrols)
    : TransactionalConsumer<GridsDatabase, IncidentFiled>(runner)
{
    protected override bool GroupCommitted => true; // every case's path (TransactionalConsumer)
    protected override Guid? LockOrder(IncidentFiled message) => message.IncidentId; // its case's rows

    protected override Task HandleAsync(IncidentFiled message, UnitOfWork<GridsDatabase> uow, CancellationToken ct) =>
        CaseFigures.FiledAsync(uow, message, patrols.Value.IdleEnd);
}
