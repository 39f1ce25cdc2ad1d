using System.Data.Common;
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

    /// <summary>Runs <paramref name="work"/> in one transaction on a fresh connection and commits.
    /// The whole unit is retried when the database drops the connection before the commit.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        return await ResiliencePipelines.DatabaseTransaction.ExecuteAsync(async token =>
        {
            await using var connection = await OpenAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }


    public Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        InTransactionAsync<bool>(async (c, t) => { await work(c, t); return true; }, ct);

    private DbConnection Create() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(options.ConnectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(options.ConnectionString),
        DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
        _ => throw new InvalidOperationException($"Unknown provider {Provider}"),
    };
}
