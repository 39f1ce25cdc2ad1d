using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Governance.Infrastructure.Data;

/// <summary>
/// Applies versioned SQL scripts at start-up. Scripts are embedded resources named
/// <c>Data/Migrations/{sqlite|postgres|sqlserver}/NNNN_name.sql</c>; each track (the shared
/// "infrastructure" track for outbox and inbox, then the service's own) is numbered on its own.
/// Several instances starting together are serialised by a database lock, so each script runs once.
/// </summary>
public sealed partial class MigrationRunner(Database database, TimeProvider time, ILogger<MigrationRunner> logger)
{
    public async Task MigrateAsync(IEnumerable<MigrationTrack> tracks, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        // The lock first: two instances creating the history table at once collide even with
        // IF NOT EXISTS (PostgreSQL's catalog refuses the second type of the same name).
        await AcquireLockAsync(connection, ct);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateHistoryTable(database.Provider), cancellationToken: ct));
            foreach (var track in tracks) await ApplyTrackAsync(connection, track, ct);
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    /// <summary>The scripts a track has for one dialect, in version order.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> ScriptsFor(MigrationTrack track, DatabaseProvider provider)
    {
        var assembly = track.Assembly;
        var folder = $"{track.ResourcePrefix}.{DialectFolder(provider)}.";
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder) && n.EndsWith(".sql")))
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((int.Parse(match.Groups[1].Value), match.Groups[2].Value, reader.ReadToEnd()));
        }
        return scripts.OrderBy(s => s.Item1).ToList();
    }

    public static string DialectFolder(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.Postgres => "postgres",
        DatabaseProvider.SqlServer => "sqlserver",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private async Task ApplyTrackAsync(DbConnection connection, MigrationTrack migrationTrack, CancellationToken ct)
    {
        var track = migrationTrack.Name;
        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations WHERE track = @track", new { track }, cancellationToken: ct))).ToHashSet();
        foreach (var (version, name, sql) in ScriptsFor(migrationTrack, database.Provider).Where(s => !applied.Contains(s.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (var batch in Batches(sql, database.Provider))
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (track, version, name, applied_at_ms) VALUES (@track, @version, @name, @at)",
                new { track, version, name, at = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            logger.LogInformation("Applied migration {Track} {Version:D4} {Name}", track, version, name);
        }
    }

    /// <summary>SQL Server compiles a batch as a whole, so a script that adds columns and then indexes
    /// them separates the two with GO lines; the other dialects run a script as one batch.</summary>
    public static IEnumerable<string> Batches(string sql, DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer
            ? BatchSeparator().Split(sql).Where(b => !string.IsNullOrWhiteSpace(b))
            : [sql];

    private static string CreateHistoryTable(DatabaseProvider provider)
    {
        const string columns = "track VARCHAR(64) NOT NULL, version INT NOT NULL, name VARCHAR(200) NOT NULL, applied_at_ms BIGINT NOT NULL, PRIMARY KEY (track, version)";
        return provider == DatabaseProvider.SqlServer
            ? $"IF OBJECT_ID('schema_migrations') IS NULL CREATE TABLE schema_migrations ({columns})"
            : $"CREATE TABLE IF NOT EXISTS schema_migrations ({columns})";
    }

    private Task AcquireLockAsync(DbConnection connection, CancellationToken ct) => database.Provider switch
    {
        DatabaseProvider.Postgres => connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_lock(7305001)", cancellationToken: ct)),
        DatabaseProvider.SqlServer => connection.ExecuteAsync(new CommandDefinition(
            "EXEC sp_getapplock @Resource = 'schema_migrations', @LockMode = 'Exclusive', @LockOwner = 'Session'", cancellationToken: ct)),
        _ => Task.CompletedTask, // SQLite: one process owns the file.
    };

    private Task ReleaseLockAsync(DbConnection connection) => database.Provider switch
    {
        DatabaseProvider.Postgres => connection.ExecuteAsync("SELECT pg_advisory_unlock(7305001)"),
        DatabaseProvider.SqlServer => connection.ExecuteAsync(
            "EXEC sp_releaseapplock @Resource = 'schema_migrations', @LockOwner = 'Session'"),
        _ => Task.CompletedTask,
    };

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex BatchSeparator();

    [GeneratedRegex(@"(\d{4})_([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
