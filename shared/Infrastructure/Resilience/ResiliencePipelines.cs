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
        NpgsqlException npgsql => npgsql.IsTransient || npgsql is PostgresException { SqlState: "57P01" or "57P02" or "57P03" }
            || IsFailoverInProgress(npgsql),
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        SqlException sql => sql.Number is -2 or 53 or 233 or 1205 or 4060 or 10053 or 10054 or 10060 or 40197 or 40501 or 40613,
        SocketException or TimeoutException => true,
        _ => exception.InnerException is not null && IsTransient(exception.InnerException),
    };

    /// <summary>
    /// A multi-host connection string (<c>Host=db1:5432,db2:5432;Target Session Attributes=primary</c>, deploy/README.md)
    /// during a failover: the old primary is down and the standby not yet promoted, or Npgsql still remembers it
    /// as a standby (for <c>Host Recheck Seconds</c>). Npgsql then reports "Unable to connect to a suitable host"
    /// wrapping every host's error, or, when it skipped every host on what it remembers, "No suitable host was
    /// found." with none; neither counts as transient in Npgsql's own <see cref="NpgsqlException.IsTransient"/>,
    /// yet both pass once the standby is promoted.
    /// </summary>
    private static bool IsFailoverInProgress(NpgsqlException exception) => exception.InnerException switch
    {
        AggregateException hosts => hosts.InnerExceptions.Count > 0 && hosts.InnerExceptions.All(IsTransient),
        null => exception.GetType() == typeof(NpgsqlException) && exception.Message.StartsWith("No suitable host", StringComparison.Ordinal),
        _ => false,
    };
}
