using System.Net.Sockets;
using Governance.Infrastructure;
using Npgsql;
using NUnit.Framework;

namespace Governance.UnitTests.Resilience;

/// <summary>
/// The errors Npgsql raises for a multi-host connection string while the primary is down and the standby not yet
/// promoted (deploy/README.md, "PostgreSQL primary and standby") are retried like a restart, so a filing, a
/// consumer or the outbox relay waits out the failover instead of failing. Built as Npgsql's
/// NpgsqlMultiHostDataSource builds them; tests/Governance.FaultTests' failover drill meets the real ones.
/// </summary>
public sealed class FailoverErrorsTests
{
    private static NpgsqlException HostDown() =>
        new("Failed to connect to 127.0.0.1:5441", new SocketException((int)SocketError.ConnectionRefused));

    [Test]
    public void Every_host_down_or_not_yet_primary_is_transient() =>
        Assert.That(ResiliencePipelines.IsTransient(new NpgsqlException(
            "Unable to connect to a suitable host. Check inner exception for more details.", new AggregateException(HostDown(), HostDown()))), Is.True);

    [Test]
    public void No_suitable_host_remembered_is_transient() =>
        Assert.That(ResiliencePipelines.IsTransient(new NpgsqlException("No suitable host was found.")), Is.True);

    [Test]
    public void A_host_refusing_the_password_is_not_transient_even_beside_one_that_is_down() =>
        Assert.That(ResiliencePipelines.IsTransient(new NpgsqlException(
            "Unable to connect to a suitable host. Check inner exception for more details.",
            new AggregateException(HostDown(), new PostgresException("password authentication failed", "FATAL", "FATAL", "28P01")))), Is.False);

    [Test]
    public void Another_error_without_a_cause_is_not_transient() =>
        Assert.That(ResiliencePipelines.IsTransient(new NpgsqlException("Received unexpected backend message")), Is.False);
}
