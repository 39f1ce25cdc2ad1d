using Dapper;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Infrastructure.Hosting;

public static class ServiceDatabaseSetup
{
    /// <summary>
    /// Registers a service's database from configuration ("Database:Provider" and
    /// "ConnectionStrings:{service}"), with its outbox, its relay and a readiness check.
    /// </summary>
    public static void AddServiceDatabase<TDatabase>(this WebApplicationBuilder builder, string service,
        Func<DatabaseOptions, TDatabase> create) where TDatabase : Database
    {
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = builder.Configuration.GetConnectionString(service)
            ?? throw new InvalidOperationException($"ConnectionStrings:{service} is not configured");
        if (provider == DatabaseProvider.Sqlite) EnsureSqliteFolder(connectionString);

        builder.Services.AddSingleton(create(new DatabaseOptions(provider, connectionString)));
        // Also findable by service name (the audit log picks the database by route prefix).
        builder.Services.AddKeyedSingleton<Database>(service, (sp, _) => sp.GetRequiredService<TDatabase>());
        builder.Services.AddSingleton<Outbox<TDatabase>>();
        builder.Services.AddSingleton<UnitOfWorkRunner<TDatabase>>();
        builder.Services.AddSingleton<OutboxRelay<TDatabase>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TDatabase>>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TDatabase>>($"{service}-database", tags: ["ready"]);
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}

/// <summary>Ready only while the service's database answers.</summary>
public sealed class DatabaseHealthCheck<TDatabase>(TDatabase database) : IHealthCheck where TDatabase : Database
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct));
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{database.ServiceName} database unreachable", ex);
        }
    }
}
