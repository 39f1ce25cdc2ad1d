using Governance.Contracts;
using Governance.Incidents.Apis;
using Governance.Incidents.Dashboard;
using Governance.Incidents.Data;
using Governance.Incidents.Messaging;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.UnitCopy;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Incidents;

/// <summary>The Incidents service: cases, their status and timeline.</summary>
public sealed class IncidentsModule : IServiceModule
{
    public const string ServiceName = "incidents";
    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, options => new IncidentsDatabase(options));
        builder.Services.Configure<Handling.DuplicateOptions>(builder.Configuration.GetSection("Incidents:Duplicates"));
        builder.Services.Configure<Handling.PhotoOptions>(builder.Configuration.GetSection("Incidents:Photos"));
        builder.Services.Configure<Handling.LocationOptions>(builder.Configuration.GetSection("Incidents:Location"));
        builder.AddIntakeRateLimit();
        builder.Services.AddSingleton<Permissions.IncidentCaseFacts>();
        builder.Services.AddSingleton<UnitCopyChains<IncidentsDatabase>>();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceConsumer<UnitsUpsertedConsumer<IncidentsDatabase>>(ServiceName);
        bus.AddServiceConsumer<IncidentRoutedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentEscalatedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentFlaggedOverdueConsumer>(ServiceName);
        bus.AddServiceConsumer<CareVisitReportedIncidentConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentReturnedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentSupervisedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentDepartmentsAssignedConsumer>(ServiceName);
        bus.AddServiceConsumer<DeadlineWarningConsumer>(ServiceName);
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapIncidentsApi();
        routes.MapCaseActionsApi();
        routes.MapWorkApi();
        routes.MapCoordinationApi();
        routes.MapPhotosApi();
        routes.MapDashboardApi();
        Open311.Open311Api.MapOpen311Api(routes);
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IncidentsDatabase>();
        await ActivatorUtilities.CreateInstance<MigrationRunner>(services, (Database)db).MigrateAsync(
            [MigrationTrack.Messaging, MigrationTrack.UnitCopy, MigrationTrack.ForService(ServiceName, typeof(IncidentsModule).Assembly)], ct);
        // Ask Grids for the whole tree, so the copy is complete whichever process started first.
        await services.GetRequiredService<UnitOfWorkRunner<IncidentsDatabase>>()
            .RunAsync(uow => uow.PublishAsync(new UnitSnapshotRequested(ServiceName)), ct);
    }
}
