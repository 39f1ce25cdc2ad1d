namespace Governance.Infrastructure.Authority;

/// <summary>A service's view of a case for the permission model (Incidents from the case, Dispatch
/// from its assignment). Null when the service does not know the case.</summary>
public interface ICaseFactsSource
{
    Task<CaseFacts?> FactsAsync(Guid caseId, CancellationToken ct);
}

/// <summary>A service's copy of the unit tree, as chains for unit actions: the unit first, the county
/// last; empty when the unit is unknown.</summary>
public interface IUnitChainSource
{
    Task<IReadOnlyList<ChainUnit>> ChainAsync(string unitCode, CancellationToken ct);
}
