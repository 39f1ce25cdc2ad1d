using Governance.Grids.Handling;

namespace Governance.Grids.Messaging;

/// <summary>The case moved up: its new holder and deadline (assessment).</summary>
public sealed class IncidentEscalatedConsumer(UnitOfWorkRunner<GridsDatabase> runner) : TransactionalConsumer<GridsDatabase, IncidentEscalated>(runner)
{
    protected override Task HandleAsync(IncidentEscalated message, UnitOfWork<GridsDatabase> uow, CancellationToken ct) =>
        CaseFigures.AssignedAsync(uow, message.IncidentId, message.Sequence, message.HandlingUnitCode, message.DueAt);
}
