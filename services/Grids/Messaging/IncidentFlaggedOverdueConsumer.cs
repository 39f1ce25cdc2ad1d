using Governance.Grids.Handling;

namespace Governance.Grids.Messaging;

/// <summary>A deadline missed and answered by supervision: counted against the holding unit (assessment).</summary>
public sealed class IncidentFlaggedOverdueConsumer(UnitOfWorkRunner<GridsDatabase> runner) : TransactionalConsumer<GridsDatabase, IncidentFlaggedOverdue>(runner)
{
    protected override Task HandleAsync(IncidentFlaggedOverdue message, UnitOfWork<GridsDatabase> uow, CancellationToken ct) =>
        CaseFigures.FlaggedOverdueAsync(uow, message);
}
