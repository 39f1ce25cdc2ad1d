using Governance.Grids.Handling;

namespace Governance.Grids.Messaging;

/// <summary>A resident's satisfaction, counted for the person who resolved the case (assessment).</summary>
public sealed class IncidentVerifiedConsumer(UnitOfWorkRunner<GridsDatabase> runner) : TransactionalConsumer<GridsDatabase, IncidentVerified>(runner)
{
    protected override Task HandleAsync(IncidentVerified message, UnitOfWork<GridsDatabase> uow, CancellationToken ct) =>
        CaseFigures.VerifiedAsync(uow, message);
}
