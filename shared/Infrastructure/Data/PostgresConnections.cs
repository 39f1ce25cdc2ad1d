using Npgsql;

namespace Governance.Infrastructure.Data;

/// <summary>
/// PostgreSQL compiles a query to machine code (JIT) whenever its estimated cost passes jit_above_cost (100,000),
/// and does so again at every execution. The work list's bucket query — a CASE of small subqueries a case — was
/// estimated at 1.7 M: with 30,000 open cases in the county it spent 2.0 s compiling for 15 ms of work, every time
/// a village handler opened his work page (EXPLAIN ANALYZE; found by the benchmark's day mix, issue #19), and 32
/// pages at once kept the database's CPU full for minutes. A system of many short queries gains nothing from JIT,
/// so every connection the services open has it off — unless the operator's connection string sets jit itself.
/// Behind PgBouncer, let it pass the setting (`ignore_startup_parameters = options`) or set `jit = off` on the
/// database instead (deploy/README.md).
/// </summary>
public static class PostgresConnections
{
    public static string WithoutJit(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) == true) return connectionString;
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : $"{builder.Options} -c jit=off";
        return builder.ConnectionString;
    }
}
