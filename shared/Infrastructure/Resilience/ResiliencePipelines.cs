using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Governance.Infrastructure;

/// <summary>
/// Polly pipelines for the transient faults MassTransit does not cover: a database that restarts
/// or is briefly busy. MassTransit's own retry covers consumers; these cover the HTTP side and
/// background work (outbox relay, deadline sweeper).
/// </summary>
public static class ResiliencePipelines
{
    // Sums to roughly 30 s of waiting: long enough to ride out a PostgreSQL restart.
    private static RetryStrategyOptions Transient() => new()
    {
        ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
        MaxRetryAttempts = 10,
        Delay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(5),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
    };

    /// <summary>Opening a connection.</summary>
    public static readonly ResiliencePipeline DatabaseOpen = new ResiliencePipelineBuilder().AddRetry(Transient()).Build();

    /// <summary>A whole unit of work: safe to repeat because nothing was committed when it failed
    /// (identifiers are chosen before the unit starts, so a repeat writes the same rows).</summary>
    public static readonly ResiliencePipeline DatabaseTransaction = new ResiliencePipelineBuilder().AddRetry(Transient()).Build();

    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient || npgsql is PostgresException { SqlState: "57P01" or "57P02" or "57P03" },
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        SqlException sql => sql.Number is -2 or 53 or 233 or 1205 or 4060 or 10053 or 10054 or 10060 or 40197 or 40501 or 40613,
        SocketException or TimeoutException => true,
        _ => exception.InnerException is not null && IsTransient(exception.InnerException),
    };
}
