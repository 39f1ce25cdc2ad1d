using System.Diagnostics;
using Governance.Grids.Apis;
using Governance.Grids.Handling;
using Governance.Grids.Messaging;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Sessions;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Grids;

/// <summary>The Grids service: the unit tree, people on duty, departments, care subjects and
/// boundaries, the patrol log and the monthly assessment; announces units, staff and departments to the other services.</summary>
public sealed class GridsModule : IServiceModule
{
    public const string ServiceName = "grids";

    /// <summary>What this service's database holds, in the order it is migrated: the outbox and inbox and its own tables
    /// (tests migrate their scratch databases with the same list).</summary>
    public static IReadOnlyList<MigrationTrack> MigrationTracks { get; } =
        [MigrationTrack.Messaging, MigrationTrack.ForService(ServiceName, typeof(GridsModule).Assembly)];

    /// <summary>How Grids' endpoints answer a handler's outcome; a conflict is titled in Grids' words.</summary>
    public static readonly Answers Answers = new(Handling.GridsTexts.ConflictTitle);

    public string Name => ServiceName;

    /// <summary>The unit tree, staff, departments, care and boundaries under /grids; sign-in and the
    /// session (passwords, the standalone demo accounts) under /auth.</summary>
    public IReadOnlyList<string> RoutePrefixes { get; } = ["/grids", "/auth"];

    /// <summary>Writes are audited in this service's own database.</summary>
    public string AuditCategory => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, options => new GridsDatabase(options));
        builder.Services.AddOptions<DemoCountyOptions>().BindConfiguration(DemoCountyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The unit chains the endpoint filters ask for (GridsPermissions).
        builder.Services.AddSingleton<GridsUnitChains>();
        // The session check reads people's standing from Grids' own tables (docs/sessions.md).
        builder.Services.AddSingleton<IAccountStandingSource, GridsAccountStandings>();
        builder.Services.AddOptions<PatrolOptions>().BindConfiguration(PatrolOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.Configure<BoundaryOptions>(builder.Configuration.GetSection(BoundaryOptions.Section));
        builder.Services.AddOptions<MapTileOptions>().BindConfiguration(MapTileOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure(o => o.AddPolicy<string, SignInRateLimit>(SignInRateLimit.Policy));
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddServiceConsumer<UnitSnapshotRequestedConsumer>(ServiceName);
        bus.AddServiceConsumer<SessionCacheConsumer>(ServiceName);
        // The assessment's case figures (docs/assessment.md): Grids hears of cases, never reads Incidents' tables.
        bus.AddServiceConsumer<IncidentFiledConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentRoutedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentEscalatedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentReturnedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentResolvedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentVerifiedConsumer>(ServiceName);
        bus.AddServiceConsumer<IncidentFlaggedOverdueConsumer>(ServiceName);
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapUnitsApi();
        routes.MapUnitAliasesApi();
        routes.MapStaffApi();
        routes.MapDutyApi();
        routes.MapDepartmentsApi();
        routes.MapCareApi();
        routes.MapPatrolsApi();
        routes.MapLeadersApi();
        routes.MapAssessmentApi();
        routes.MapCoverageApi();
        routes.MapMapApi();
        routes.MapImportApi();
        routes.MapSignInApi();
        routes.MapServiceAccountsApi();
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        await MigrateAsync(services, ct);

        var demo = services.GetRequiredService<IOptions<DemoCountyOptions>>().Value;
        if (demo.SeedDemoCounty)
            await SeedDemoCountyAsync(services, demo.ToSize(), ct);
        await DevTokensApi.PrintDemoAccountsAsync(services);
    }

    /// <summary>issue-token's record of the token it signs (ServiceAccounts); Grids' tables are
    /// migrated first, so the command works before the service first started.</summary>
    public async Task<string?> RecordServiceTokenAsync(IServiceProvider services, ServiceToken token, CancellationToken ct)
    {
        await MigrateAsync(services, ct);
        var outcome = await services.GetRequiredService<UnitOfWorkRunner<GridsDatabase>>().RunAsync(uow => ServiceAccounts.RecordAsync(uow, token), ct);
        return outcome switch
        {
            Outcome<ServiceAccount>.Done => null,
            Outcome<ServiceAccount>.Invalid invalid => invalid.Errors.ToString(),
            _ => outcome.ToString(),
        };
    }

    /// <summary>reset-password's one-time password (docs/sessions.md, "Passwords"): the operator acts with the
    /// county's reach, as the installer does. Grids' tables are migrated first, as for issue-token.</summary>
    public async Task<Outcome<string>> ResetPasswordAsync(IServiceProvider services, string staffId, string actor, CancellationToken ct)
    {
        await MigrateAsync(services, ct);
        var password = PasswordRules.OneTime();
        var hash = PasswordHashing.Hash(password);
        var outcome = await services.GetRequiredService<UnitOfWorkRunner<GridsDatabase>>().RunAsync(
            uow => PasswordSignIn.ResetAsync(uow, staffId, hash, Reach.Unrestricted(Infrastructure.Authority.UnitAction.ChangeStaff), actor), ct);
        // The pages' resets are audited by the request; the operator's, from the server's console, here.
        if (outcome is Outcome<StaffMember>.Done)
            await AuditLog.AppendAsync(services.GetRequiredService<GridsDatabase>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), actor,
                $"{ResetPasswordCommand.Name} (operator command)", staffId, "one-time password set; his sessions end", null, ct);
        return outcome.Map(_ => password);
    }

    private static Task MigrateAsync(IServiceProvider services, CancellationToken ct) =>
        ActivatorUtilities.CreateInstance<MigrationRunner>(services, (Database)services.GetRequiredService<GridsDatabase>()).MigrateAsync(
            MigrationTracks, ct);

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
