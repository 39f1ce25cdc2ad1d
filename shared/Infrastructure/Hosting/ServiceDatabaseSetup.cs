using Dapper;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Messaging.Watchdog;
using Governance.Infrastructure.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Hosting;

public static class ServiceDatabaseSetup
{
    /// <summary>
    /// Registers a service's database from configuration ("Database:Provider" and
    /// "ConnectionStrings:{service}", both checked before the host serves), with its outbox, its relay
    /// and a readiness check.
    /// </summary>
    public static void AddServiceDatabase<TDatabase>(this WebApplicationBuilder builder, string service,
        Func<DatabaseOptions, TDatabase> create) where TDatabase : Database
    {
        builder.Services.AddOptions<ServiceConnection>(service)
            .Configure<IConfiguration>((connection, configuration) => connection.ConnectionString = configuration.GetConnectionString(service))
            .Validate(connection => !string.IsNullOrWhiteSpace(connection.ConnectionString),
                $"ConnectionStrings:{service} is not set: the {service} service needs its database (environment: ConnectionStrings__{service}=...).")
            .ValidateOnStart();

        builder.Services.AddSingleton(sp =>
        {
            // DatabaseSettings is bound and checked with the host's own settings (HostSettings).
            var provider = sp.GetRequiredService<IOptions<DatabaseSettings>>().Value.Kind;
            var connectionString = sp.GetRequiredService<IOptionsMonitor<ServiceConnection>>().Get(service).ConnectionString!;
            if (provider == DatabaseProvider.Sqlite) EnsureSqliteFolder(connectionString);
            return create(new DatabaseOptions(provider, connectionString));
        });
        // Also findable by service name (the audit log picks the database by the module's AuditCategory).
        builder.Services.AddKeyedSingleton<Database>(service, (sp, _) => sp.GetRequiredService<TDatabase>());
        builder.Services.AddSingleton<Outbox<TDatabase>>();
        builder.Services.AddSingleton<UnitOfWorkRunner<TDatabase>>();
        builder.Services.AddSingleton<GroupCommit<TDatabase>>();
        builder.Services.TryAddSingleton(_ => new RelayBatches(TimeProvider.System)); // the watchdog's clock: the machine's (BusSetup.AddWatchdog)
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
