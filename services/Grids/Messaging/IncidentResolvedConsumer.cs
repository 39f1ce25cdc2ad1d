using Governance.Grids.Handling;

namespace Governance.Grids.Messaging;

/// <summary>The resolver's resolved cases, and whether on time (assessment).</summary>
public sealed class IncidentResolvedConsumer(UnitOfWorkRunner<GridsDatabase> runner) : TransactionalConsumer<GridsDatabase, IncidentResolved>(runner)
{
    protected override Task HandleAsync(IncidentResolved message, UnitOfWork<GridsDatabase> uow, CancellationToken ct) =>
        CaseFigures.ResolvedAsync(uow, message);
}
