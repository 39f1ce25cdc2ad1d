namespace Governance.Infrastructure.Data;

/// <summary>Where one service keeps its data: a provider and a connection string.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString);
