using Governance.Dispatch.Apis;
using Governance.Dispatch.Deadlines;
using Governance.Dispatch.Handling;
using Governance.Dispatch.Live;
using Governance.Dispatch.Messaging;
using Governance.Dispatch.Notices;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Sessions;
using Governance.Infrastructure.UnitCopy;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Dispatch;

/// <summary>The Dispatch service: routing policy, assignments, deadlines and escalation.</summary>
public sealed class DispatchModule : IServiceModule
{
    public const string ServiceName = "dispatch";

    /// <summary>What this service's database holds, in the order it is migrated: the outbox and inbox, its copies of Grids' units and accounts and its own tables
    /// (tests migrate their scratch databases with the same list).</summary>
    public static IReadOnlyList<MigrationTrack> MigrationTracks { get; } =
        [MigrationTrack.Messaging, MigrationTrack.UnitCopy, MigrationTrack.AccountCopy, MigrationTrack.ForService(ServiceName, typeof(DispatchModule).Assembly)];

    /// <summary>How Dispatch's endpoints answer a handler's outcome; a conflict is titled in Dispatch's words.</summary>
    public static readonly Answers Answers = new(Handling.DispatchTexts.ConflictTitle);

    public string Name => ServiceName;

    /// <summary>Policy, assignments, command centres, calendar, notices and the live feed.</summary>
    public IReadOnlyList<string> RoutePrefixes { get; } = ["/dispatch"];

    /// <summary>Writes are audited in this service's own database.</summary>
    public string AuditCategory => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, options => new DispatchDatabase(options));
        builder.Services.AddSingleton<PolicyStore>();
        builder.Services.AddOptions<CalendarOptions>().BindConfiguration("Dispatch:Calendar").ValidateDataAnnotations()
            .Validate(c => c.DayStart < c.DayEnd, "Dispatch:Calendar:DayStart must be before DayEnd.").ValidateOnStart();
        builder.Services.AddSingleton<CalendarStore>();
        builder.Services.AddSingleton<Router>();
        builder.Services.AddSingleton<Escalator>();
        builder.Services.AddSingleton<MissedDeadlines>();
        builder.Services.AddSingleton<DepartmentCalls>();
        builder.Services.AddOptions<DeadlineSweeperOptions>().BindConfiguration("Dispatch:Deadlines").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DeadlineSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweeper>());
        builder.AddNotices();
        builder.Services.AddSingleton<Permissions.DispatchCaseFacts>();
        builder.Services.AddSingleton<UnitCopyChains<DispatchDatabase>>();
        builder.Services.AddSingleton<IAccountStandingSource, AccountCopySource<DispatchDatabase>>();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceConsumer<UnitsUpsertedConsumer<DispatchDatabase>>(ServiceName);
        bus.AddServiceConsumer<AccountAccessChangedConsumer<DispatchDatabase>>(ServiceName);
        bus.AddServiceConsumer<IncidentFiledConsumer>(ServiceName);
        bus.AddServiceConsumer<EscalationRequestedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentAcceptedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentResolvedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentVerifiedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentRegradedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentMergedConsumer>(ServiceName);
        bus.AddServiceConsumer<MediationFailedConsumer>(ServiceName);
        bus.AddServiceConsumer<DepartmentsUpsertedConsumer>(ServiceName);
        bus.AddNoticeConsumers(ServiceName);
        bus.AddLiveEvents(ServiceName); // the boards' live feed: broadcaster + per-instance temporary endpoint
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapPolicyApi();
        routes.MapPolicyPreviewApi();
        routes.MapAssignmentsApi();
        routes.MapCommandCentreApi();
        routes.MapUrgeApi();
        routes.MapDepartmentsApi();
        routes.MapCalendarApi();
        routes.MapNoticesApi();
        routes.MapLiveEventsApi();
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<DispatchDatabase>();
        await ActivatorUtilities.CreateInstance<MigrationRunner>(services, (Database)db).MigrateAsync(
            MigrationTracks, ct);

        var policies = services.GetRequiredService<PolicyStore>();
        var calendars = services.GetRequiredService<CalendarStore>();
        await services.GetRequiredService<UnitOfWorkRunner<DispatchDatabase>>().RunAsync(async uow =>
        {
            if (!await PolicyStore.AnyAsync(uow))
                await policies.AddVersionAsync(uow, RoutingPolicy.Default, "system", uow.Now);
            if ((await calendars.YearsAsync(uow)).Count == 0)
                foreach (var year in CalendarStore.Seed) await calendars.SaveAsync(uow, year, "system", uow.Now);
            // Ask Grids for the whole tree, so the copy is complete whichever process started first.
            await uow.PublishAsync(new UnitSnapshotRequested(ServiceName));
        }, ct);
    }
}
