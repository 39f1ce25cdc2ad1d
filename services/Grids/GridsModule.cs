using System.Diagnostics;
using Governance.Grids.Apis;
using Governance.Grids.Data;
using Governance.Grids.Messaging;
using Governance.Grids.Model;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Grids;

/// <summary>The Grids service: the unit tree, people on duty, departments, care subjects and
/// boundaries; announces units, staff and departments to the other services.</summary>
public sealed class GridsModule : IServiceModule
{
    public const string ServiceName = "grids";
    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, options => new GridsDatabase(options));
        // The unit chains the endpoint filters ask for (GridsPermissions).
        builder.Services.AddSingleton<GridsUnitChains>();
        builder.Services.Configure<BoundaryOptions>(builder.Configuration.GetSection(BoundaryOptions.Section));
    }

    public void AddConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddServiceConsumer<UnitSnapshotRequestedConsumer>(ServiceName);

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapUnitsApi();
        routes.MapStaffApi();
        routes.MapDutyApi();
        routes.MapDepartmentsApi();
        routes.MapCareApi();
        routes.MapCoverageApi();
        routes.MapImportApi();
        routes.MapDevTokensApi();
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<GridsDatabase>();
        await ActivatorUtilities.CreateInstance<MigrationRunner>(services, (Database)db).MigrateAsync(
            [MigrationTrack.Messaging, MigrationTrack.ForService(ServiceName, typeof(GridsModule).Assembly)], ct);

        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration.GetValue("Grids:SeedDemoCounty", true))
            await SeedDemoCountyAsync(services, SizeFrom(configuration["Grids:DemoCountySize"]), ct);
        await DevTokensApi.PrintDemoAccountsAsync(services);
    }

    /// <summary>"demo" (the default), "county", or four totals "townships,villages,grids,courtyards".</summary>
    public static DemoCountySize SizeFrom(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "demo" => DemoCountySize.Demo,
        "county" => DemoCountySize.County,
        var totals when totals.Split(',') is { Length: 4 } parts && parts.All(p => int.TryParse(p, out _)) =>
            new DemoCountySize(int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3])),
        _ => throw new InvalidOperationException($"Grids:DemoCountySize '{setting}' is not demo, county or townships,villages,grids,courtyards"),
    };

    /// <summary>On first start (no units yet) the demo county is written and announced.</summary>
    private static async Task SeedDemoCountyAsync(IServiceProvider services, DemoCountySize size, CancellationToken ct)
    {
        var runner = services.GetRequiredService<UnitOfWorkRunner<GridsDatabase>>();
        var since = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var county = DemoCounty.Generate(size, since: DateTimeOffset.FromUnixTimeMilliseconds(since.ToUnixTimeMilliseconds()));
        var watch = Stopwatch.StartNew();
        bool seeded;
        try
        {
            seeded = await runner.RunAsync(uow => DemoCountySeeder.SeedAsync(uow, county), ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Two instances started together on an empty database: both saw no units, the other
            // committed its seed first, and this one's rolled back whole. The county is there.
            services.GetRequiredService<ILogger<GridsModule>>().LogInformation("The demo county was seeded by another instance");
            return;
        }
        if (seeded)
            services.GetRequiredService<ILogger<GridsModule>>().LogInformation(
                "Seeded the demo county in {Elapsed} ms: {Units} units, {Staff} staff, {Departments} departments, {Care} care subjects",
                watch.ElapsedMilliseconds, county.Units.Count, county.Staff.Count, county.Departments.Count, county.CareSubjects.Count);
    }
}
