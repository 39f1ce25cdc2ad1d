using Governance.Grids.Handling;

namespace Governance.Grids.Messaging;

/// <summary>The case was sent back down: its new holder and deadline (assessment).</summary>
public sealed class IncidentReturnedConsumer(UnitOfWorkRunner<GridsDatabase> runner) : TransactionalConsumer<GridsDatabase, IncidentReturned>(runner)
{
    protected override Task HandleAsync(IncidentReturned message, UnitOfWork<GridsDatabase> uow, CancellationToken ct) =>
        CaseFigures.AssignedAsync(uow, message.IncidentId, message.Sequence, message.HandlingUnitCode, message.DueAt);
}
