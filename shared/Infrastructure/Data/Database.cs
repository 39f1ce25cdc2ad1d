using System.Data.Common;
using System.Diagnostics;
using Governance.Infrastructure.Telemetry;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Polly;

namespace Governance.Infrastructure.Data;

/// <summary>
/// One service's database. Each service derives its own type (GridsDatabase, ...) so that in the
/// standalone process, where all three live side by side, nothing can reach another's tables by
/// accident: the type says whose data it is.
/// </summary>
public abstract class Database(DatabaseOptions options)
{
    static Database() => GuidTypeHandler.Install();

    /// <summary>SQLite only: writers of this file queue here (SqliteWriteGate).</summary>
    private readonly SemaphoreSlim? _writeGate = options.Provider == DatabaseProvider.Sqlite ? SqliteWriteGate.For(options.ConnectionString) : null;
    // Read once: PostgreSQL's connections are opened with JIT off (PostgresConnections).
    private readonly string _postgresConnectionString = options.Provider == DatabaseProvider.Postgres
        ? PostgresConnections.WithoutJit(options.ConnectionString) : options.ConnectionString;

    public DatabaseProvider Provider => options.Provider;

    /// <summary>The service's name, also its migration track ("grids", "incidents", "dispatch").</summary>
    public abstract string ServiceName { get; }

    /// <summary>Opens a connection, retrying the transient failures of a restarting server.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        return await ResiliencePipelines.DatabaseOpen.ExecuteAsync(async token =>
        {
            var connection = Create();
            try
            {
                await connection.OpenAsync(token);
                if (Provider == DatabaseProvider.Sqlite)
                    await SqlitePragmas.ApplyAsync(connection, token);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }, ct);
    }

    /// <summary>A read session (<see cref="ReadSession"/>): a connection without a transaction, which never
    /// queues at the SQLite writer gate. For work that changes nothing.</summary>
    public async Task<ReadSession> OpenReadAsync(CancellationToken ct = default) => new(await OpenAsync(ct), Provider);

    /// <summary>Runs <paramref name="work"/> in one transaction on a fresh connection and commits.
    /// The whole unit is retried when the database drops the connection before the commit. Services change
    /// state through <c>UnitOfWorkRunner</c>, which calls this; only the unit of work's own machinery (outbox
    /// relay, audit appender) uses it directly.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        return await ResiliencePipelines.DatabaseTransaction.ExecuteAsync(async token =>
        {
            if (_writeGate is null) return await RunAsync(work, token);
            // A transaction opened inside another on the same file could never start (it would wait for
            // the one that waits for it): refused at once instead.
            if (SqliteWriteGate.Held.Value == _writeGate)
                throw new InvalidOperationException($"A transaction on {ServiceName}'s SQLite file was opened inside another on the same file.");
            // The connection is opened only once through the gate: each holds its own page cache, and
            // writers waiting with one open each would cost megabytes apiece.
            var waitStarted = Stopwatch.GetTimestamp();
            await _writeGate.WaitAsync(token);
            GovernanceMetrics.SqliteWriterWaited(ServiceName, waitStarted);
            var outer = SqliteWriteGate.Held.Value;
            SqliteWriteGate.Held.Value = _writeGate;
            try
            {
                return await RunAsync(work, token);
            }
            finally
            {
                SqliteWriteGate.Held.Value = outer;
                _writeGate.Release();
            }
        }, ct);
    }

    private async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }

    public Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        InTransactionAsync<bool>(async (c, t) => { await work(c, t); return true; }, ct);

    private DbConnection Create() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(options.ConnectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(_postgresConnectionString),
        DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
        _ => throw new InvalidOperationException($"Unknown provider {Provider}"),
    };
}
