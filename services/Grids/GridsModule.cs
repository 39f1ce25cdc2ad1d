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

/// <summary>The Grids service: the unit tree and staff; announces units to the other services.</summary>
public sealed class GridsModule : IServiceModule
{
    public const string ServiceName = "grids";
    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder) =>
        builder.AddServiceDatabase(ServiceName, options => new GridsDatabase(options));

    public void AddConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddServiceConsumer<UnitSnapshotRequestedConsumer>(ServiceName);

    public void MapEndpoints(IEndpointRouteBuilder routes) => routes.MapUnitsApi();

    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<GridsDatabase>();
        await ActivatorUtilities.CreateInstance<MigrationRunner>(services, (Database)db).MigrateAsync(
            [MigrationTrack.Messaging, MigrationTrack.ForService(ServiceName, typeof(GridsModule).Assembly)], ct);

        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration.GetValue("Grids:SeedDemoCounty", true))
            await SeedDemoCountyAsync(services, ct);
    }

    /// <summary>On first start (no units yet) the demo county is written and announced.</summary>
    private static async Task SeedDemoCountyAsync(IServiceProvider services, CancellationToken ct)
    {
        var runner = services.GetRequiredService<UnitOfWorkRunner<GridsDatabase>>();
        var (units, staff) = DemoCounty.Generate(DemoCountySize.Demo);
        var seeded = await runner.RunAsync(async uow =>
        {
            if (await UnitStore.CountUnitsAsync(uow.Connection, uow.Transaction) > 0) return false;
            await UnitStore.InsertUnitsAsync(uow.Connection, uow.Transaction, units);
            await UnitStore.InsertStaffAsync(uow.Connection, uow.Transaction, staff);
            await UnitAnnouncer.AnnounceAsync(uow, units);
            return true;
        }, ct);
        if (seeded)
            services.GetRequiredService<ILogger<GridsModule>>().LogInformation(
                "Seeded the demo county: {Units} units, {Staff} staff", units.Count, staff.Count);
    }
}
