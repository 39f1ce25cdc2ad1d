using System.Data.Common;
using Dapper;

namespace Governance.Infrastructure.Data;

/// <summary>
/// The schema_migrations table: which scripts of which track this database has applied, and since
/// checksums were kept, the checksum of each. Databases migrated before that have the table without the
/// column; it is added here, and their rows' checksums are filled from the current scripts on the first
/// start that has them (MigrationRunner), so no history is lost.
/// </summary>
internal static class MigrationHistory
{
    public static async Task EnsureAsync(DbConnection connection, DatabaseProvider provider, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(CreateTable(provider), cancellationToken: ct));
        if (provider == DatabaseProvider.Sqlite)
        {
            // SQLite has no ADD COLUMN IF NOT EXISTS; one process owns the file, so asking first is safe.
            var has = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'", cancellationToken: ct));
            if (has == 0)
                await connection.ExecuteAsync(new CommandDefinition("ALTER TABLE schema_migrations ADD COLUMN checksum VARCHAR(64)", cancellationToken: ct));
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition(provider == DatabaseProvider.SqlServer
            ? "IF COL_LENGTH('schema_migrations', 'checksum') IS NULL ALTER TABLE schema_migrations ADD checksum VARCHAR(64) NULL"
            : "ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum VARCHAR(64)", cancellationToken: ct));
    }

    /// <summary>The scripts of a track this database has applied, with the checksum recorded for each
    /// (null for a script applied before checksums were kept).</summary>
    public static async Task<Dictionary<int, string?>> AppliedAsync(DbConnection connection, string track, CancellationToken ct) =>
        (await connection.QueryAsync<(int Version, string? Checksum)>(new CommandDefinition(
            "SELECT version, checksum FROM schema_migrations WHERE track = @track", new { track }, cancellationToken: ct)))
        .ToDictionary(a => a.Version, a => a.Checksum);

    /// <summary>Adoption: records the checksum of a script applied before checksums were kept.</summary>
    public static Task AdoptAsync(DbConnection connection, string track, int version, string checksum, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE schema_migrations SET checksum = @checksum WHERE track = @track AND version = @version AND checksum IS NULL",
            new { track, version, checksum }, cancellationToken: ct));

    public static Task RecordAsync(DbConnection connection, DbTransaction transaction, string track, int version, string name, string checksum, long atMs, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (track, version, name, applied_at_ms, checksum) VALUES (@track, @version, @name, @atMs, @checksum)",
            new { track, version, name, atMs, checksum }, transaction, cancellationToken: ct));

    private static string CreateTable(DatabaseProvider provider)
    {
        // The table as it was first made; the checksum column is added by EnsureAsync on new and old databases alike.
        const string columns = "track VARCHAR(64) NOT NULL, version INT NOT NULL, name VARCHAR(200) NOT NULL, applied_at_ms BIGINT NOT NULL, PRIMARY KEY (track, version)";
        return provider == DatabaseProvider.SqlServer
            ? $"IF OBJECT_ID('schema_migrations') IS NULL CREATE TABLE schema_migrations ({columns})"
            : $"CREATE TABLE IF NOT EXISTS schema_migrations ({columns})";
    }
}
