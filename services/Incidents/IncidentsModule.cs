using Microsoft.Extensions.Options;
using Governance.Incidents.Apis;
using Governance.Incidents.Dashboard;
using Governance.Incidents.Messaging;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Sessions;
using Governance.Infrastructure.UnitCopy;
using Governance.Infrastructure.Sms;
using Governance.Infrastructure.Webhooks;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Incidents;

/// <summary>The Incidents service: cases, their status and timeline.</summary>
public sealed class IncidentsModule : IServiceModule
{
    public const string ServiceName = "incidents";

    /// <summary>What this service's database holds, in the order it is migrated: the outbox and inbox, its copies of Grids' units and accounts and its own tables
    /// (tests migrate their scratch databases with the same list).</summary>
    public static IReadOnlyList<MigrationTrack> MigrationTracks { get; } =
        [MigrationTrack.Messaging, MigrationTrack.UnitCopy, MigrationTrack.AccountCopy, MigrationTrack.ForService(ServiceName, typeof(IncidentsModule).Assembly)];

    /// <summary>How Incidents' endpoints answer a handler's outcome; a conflict is titled in Incidents' words.</summary>
    public static readonly Answers Answers = new(Handling.IncidentsTexts.ConflictTitle);

    public string Name => ServiceName;

    /// <summary>Cases under /incidents; the Open311 GeoReport v2 API and its client keys under /open311.</summary>
    public IReadOnlyList<string> RoutePrefixes { get; } = ["/incidents", "/open311"];

    /// <summary>Writes are audited in this service's own database.</summary>
    public string AuditCategory => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, options => new IncidentsDatabase(options));
        builder.Services.AddOptions<Handling.DuplicateOptions>().BindConfiguration("Incidents:Duplicates").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Handling.PhotoOptions>().BindConfiguration("Incidents:Photos").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Open311.Open311Settings>().BindConfiguration(Open311.Open311Settings.Section).ValidateDataAnnotations().ValidateOnStart()
            // api_key=demo is the demo's, like its sign-in: unless set, it is taken exactly when the demo sign-in is on.
            .PostConfigure<Infrastructure.Security.AuthOptions>((open311, auth) => open311.AcceptDemoKey ??= auth.DevTokens);
        builder.Services.AddOptions<Handling.LocationOptions>().BindConfiguration("Incidents:Location").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Exports.ExportOptions>().BindConfiguration("Incidents:Exports").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddPersonalDataSealer();
        // Status back to the hotline (issue #14): queued status changes posted to client systems' callbacks.
        builder.Services.AddOptions<Open311.CallbackOptions>().BindConfiguration(Open311.CallbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddWebhookClient(Open311.CallbackSender.ClientName, "Governance-Open311-Callbacks/1.0");
        builder.Services.AddSingleton<Open311.CallbackSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Open311.CallbackSender>());
        // 回访 (issue #14): texts through the system's SMS gateway, a one-time link the resident answers.
        builder.Services.AddSmsGateway();
        builder.Services.AddOptions<Handling.ReturnVisitOptions>().BindConfiguration(Handling.ReturnVisitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Handling.ReturnVisitOptions>, Handling.ReturnVisitOptionsValidator>();
        builder.Services.AddSingleton<Handling.ReturnVisitSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Handling.ReturnVisitSender>());
        builder.AddIntakeRateLimit();
        builder.AddReturnVisitRateLimit();
        builder.AddResidentRateLimits();
        builder.Services.AddSingleton<Permissions.IncidentCaseFacts>();
        builder.Services.AddSingleton<UnitCopyChains<IncidentsDatabase>>();
        builder.Services.AddSingleton<IAccountStandingSource, AccountCopySource<IncidentsDatabase>>();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceConsumer<UnitsUpsertedConsumer<IncidentsDatabase>>(ServiceName);
        bus.AddServiceConsumer<AccountAccessChangedConsumer<IncidentsDatabase>>(ServiceName);
        bus.AddServiceConsumer<IncidentRoutedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentEscalatedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentFlaggedOverdueConsumer>(ServiceName);
        bus.AddServiceConsumer<CareVisitReportedIncidentConsumer>(ServiceName);
        bus.AddServiceConsumer<LeaderVisitReportedIncidentConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentReturnedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentSupervisedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentDepartmentsAssignedConsumer>(ServiceName);
        bus.AddServiceConsumer<DeadlineWarningConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentUrgedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentNotifiedAboveConsumer>(ServiceName);
        bus.AddServiceConsumer<DepartmentCheckedInConsumer>(ServiceName);
        bus.AddServiceConsumer<DepartmentFedBackConsumer>(ServiceName);
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapIncidentsApi();
        routes.MapTriageApi();
        routes.MapCaseActionsApi();
        routes.MapInHandApi();
        routes.MapWorkApi();
        routes.MapCoordinationApi();
        routes.MapUnitMediationsApi();
        routes.MapPhotosApi();
        routes.MapCallerApi();
        routes.MapDashboardApi();
        routes.MapDashboardExportsApi();
        routes.MapReportApi();
        routes.MapReportSettingsApi();
        Exports.CaseExportsApi.MapCaseExportsApi(routes);
        Exports.WorkExportApi.MapWorkExportApi(routes);
        routes.MapReturnVisitsApi();
        routes.MapResidentApi();
        routes.MapResidentCasesApi();
        routes.MapCourtyardQrApi();
        routes.MapSmsAdminApi();
        Open311.Open311Api.MapOpen311Api(routes);
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IncidentsDatabase>();
        await ActivatorUtilities.CreateInstance<MigrationRunner>(services, (Database)db).MigrateAsync(
            MigrationTracks, ct);
        // Ask Grids for the whole tree, so the copy is complete whichever process started first.
        await services.GetRequiredService<UnitOfWorkRunner<IncidentsDatabase>>()
            .RunAsync(uow => uow.PublishAsync(new UnitSnapshotRequested(ServiceName)), ct);
    }
}
