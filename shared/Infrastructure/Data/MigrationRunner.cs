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
/// Each applied script's checksum is recorded (MigrationChecksum); a start whose scripts no longer match
/// what the database applied stops before it runs anything (MigrationChangedException).
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
            await MigrationHistory.EnsureAsync(connection, database.Provider, ct);
            var all = tracks.ToList();
            // Every applied script is checked before any new one runs: a new script written against a
            // changed old one must not land on a database that ran the old one as it was.
            foreach (var track in all) await VerifyTrackAsync(connection, track, ct);
            foreach (var track in all) await ApplyTrackAsync(connection, track, ct);
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

    /// <summary>Compares the scripts this database applied with the ones that ship. A row from before
    /// checksums were kept gets the current script's checksum (adoption: the history stays, and from now
    /// on an edit is noticed).</summary>
    private async Task VerifyTrackAsync(DbConnection connection, MigrationTrack migrationTrack, CancellationToken ct)
    {
        var track = migrationTrack.Name;
        var applied = await MigrationHistory.AppliedAsync(connection, track, ct);
        var adopted = 0;
        foreach (var (version, name, sql) in ScriptsFor(migrationTrack, database.Provider).Where(s => applied.ContainsKey(s.Version)))
        {
            var checksum = MigrationChecksum.Of(sql);
            var recorded = applied[version];
            if (recorded is null)
            {
                await MigrationHistory.AdoptAsync(connection, track, version, checksum, ct);
                adopted++;
            }
            else if (!string.Equals(recorded, checksum, StringComparison.OrdinalIgnoreCase))
                throw new MigrationChangedException(database.ServiceName, track, version, name, database.Provider, recorded, checksum);
        }
        if (adopted > 0)
            logger.LogInformation("Recorded the checksums of {Count} {Track} migrations applied before checksums were kept", adopted, track);
    }

    private async Task ApplyTrackAsync(DbConnection connection, MigrationTrack migrationTrack, CancellationToken ct)
    {
        var track = migrationTrack.Name;
        var applied = await MigrationHistory.AppliedAsync(connection, track, ct);
        foreach (var (version, name, sql) in ScriptsFor(migrationTrack, database.Provider).Where(s => !applied.ContainsKey(s.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (var batch in Batches(sql, database.Provider))
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, cancellationToken: ct));
            await MigrationHistory.RecordAsync(connection, transaction, track, version, name, MigrationChecksum.Of(sql),
                time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
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
