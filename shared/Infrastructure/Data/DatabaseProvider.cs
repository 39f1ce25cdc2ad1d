namespace Governance.Infrastructure.Data;

/// <summary>The database engines a service can keep its data in. Chosen by configuration.</summary>
public enum DatabaseProvider
{
    /// <summary>Standalone mode and most tests: a file per service, no server.</summary>
    Sqlite,
    /// <summary>Distributed mode (also the base of KingbaseES and openGauss).</summary>
    Postgres,
    /// <summary>Distributed mode where the county runs SQL Server.</summary>
    SqlServer,
}
