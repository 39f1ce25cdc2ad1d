using Governance.Grids.Handling;

namespace Governance.Grids.Messaging;

/// <summary>The case's holder and deadline, for the timeliness of its resolution (assessment).</summary>
public sealed class IncidentRoutedConsumer(UnitOfWorkRunner<GridsDatabase> runner) : TransactionalConsumer<GridsDatabase, IncidentRouted>(runner)
{
    protected override bool GroupCommitted => true; // every case's path (TransactionalConsumer)
    protected override Guid? LockOrder(IncidentRouted message) => message.IncidentId; // its case's rows

    protected override Task HandleAsync(IncidentRouted message, UnitOfWork<GridsDatabase> uow, CancellationToken ct) =>
        CaseFigures.AssignedAsync(uow, message.IncidentId, message.Sequence, message.HandlingUnitCode, message.DueAt);
}
