using Governance.Infrastructure.Data;
using Npgsql;
using NUnit.Framework;

namespace Governance.UnitTests.Data;

/// <summary>The services' PostgreSQL connections run without JIT (PostgresConnections: 2 s of compiling per work
/// list at 30,000 open cases), unless the operator's connection string says otherwise.</summary>
[TestFixture]
public sealed class PostgresConnectionsTests
{
    [Test]
    public void Jit_is_turned_off_and_the_rest_of_the_string_kept()
    {
        var changed = new NpgsqlConnectionStringBuilder(PostgresConnections.WithoutJit(
            "Host=db1,db2;Database=governance_incidents;Username=governance;Maximum Pool Size=24;Target Session Attributes=primary"));
        Assert.That(changed.Options, Is.EqualTo("-c jit=off"));
        Assert.That((changed.Host, changed.Database, changed.MaxPoolSize, changed.TargetSessionAttributes),
            Is.EqualTo(("db1,db2", "governance_incidents", 24, "primary")));
    }

    [Test]
    public void Other_options_are_kept_and_the_operators_own_jit_setting_wins()
    {
        Assert.That(new NpgsqlConnectionStringBuilder(PostgresConnections.WithoutJit("Host=db;Options=-c statement_timeout=5000")).Options,
            Is.EqualTo("-c statement_timeout=5000 -c jit=off"));
        const string own = "Host=db;Options=-c jit=on";
        Assert.That(PostgresConnections.WithoutJit(own), Is.EqualTo(own));
    }
}
