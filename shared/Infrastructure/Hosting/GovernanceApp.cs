using Governance.Infrastructure.ApiDocs;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// Builds a process that hosts the services named in "Governance:Services" (all of them by default):
/// standalone runs all three on the in-memory bus, distributed runs one per process on RabbitMQ.
/// Which is which is configuration only.
/// </summary>
public static class GovernanceApp
{
    public static WebApplication Build(string[] args, IReadOnlyList<IServiceModule> available,
        Action<WebApplicationBuilder>? configure = null)
    {
        // Chinese clients send GBK and GB18030 (a hotline's system, an old phone app): their JSON bodies and import
        // files are read as what they say they are. .NET knows only the Unicode encodings until told of these.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        // appsettings*.json are read from beside the executable, wherever it is started from;
        // relative SQLite paths (data/*.db) stay relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.ListenOnDefaultAddressUnlessConfigured();
        // Under systemd (Type=notify, deploy/package/systemd) "ready" is sent once the process serves, so a
        // unit ordered after this one starts after the migrations; elsewhere it does nothing.
        builder.Services.AddSystemd();
        configure?.Invoke(builder);
        ServiceRoutes.CheckDeclarations(available);
        var modules = Select(builder.Configuration, available);
        // Traces (ASP.NET Core, HttpClient, MassTransit, Npgsql, the outbox relay), metrics on /metrics, the
        // console's configured log format; after AddSystemd, whose log format a configured one replaces.
        builder.AddGovernanceTracing(TelemetryName(modules), [TracingSetup.SourceName, .. TracingSetup.LibrarySources])
            .AddGovernanceMetrics(builder);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IReadOnlyList<IServiceModule>>(modules);
        builder.Services.AddHostSettings();
        builder.Services.AddProblemDetails().AddProblemsForAnyAccept(); // problem+json even to a caller who accepts no JSON
        builder.Services.AddGovernanceLanguages(); // problems in Chinese unless Accept-Language asks for English (Languages.cs)
        builder.Services.AddExceptionHandler<BadRequestBodyHandler>();
        // Let unreadable bodies reach BadRequestBodyHandler, which names the field, instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks();
        builder.Services.AddGovernanceBus(builder.Configuration, modules);
        builder.AddGovernanceAuth();
        builder.AddForwardedClients();
        builder.Services.AddMonitoringNetworks(); // who may read /metrics (MonitoringNetworks.cs)
        builder.Services.AddRateLimiter(_ => { });
        // Each hosted service's OpenAPI document (/openapi/{service}.json) and the reference page (/api-docs).
        builder.Services.AddServiceDocuments(modules);
        // Nothing a user files needs more than this; larger bodies are refused before they are read.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        foreach (var module in modules) module.AddServices(builder);

        var app = builder.Build();
        // First: every answer, whatever produces it (pages, API, errors, 404s), carries them.
        app.UseSecurityHeaders(app.Configuration);
        app.UseForwardedClients();
        app.UseGovernanceLanguages(); // before anything that answers a problem
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapGovernanceMetrics();
        // ---- Web pages (issue #5, WebPages.cs) ----------------------------------------------------
        // Without the bundle (built with -p:SkipWebPages=true) "/" names the hosted services instead.
        // Only the pages' own routes get index.html: any other path, the API's included, stays a 404.
        if (app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists) app.UseWebPages();
        else app.MapGet("/", () => TypedResults.Ok(new { system = "Governance", services = modules.Select(m => m.Name) })).AllowAnonymous();
        // ----------------------------------------------------------------------------------------
        // After the pages (they sign in themselves), before every API endpoint: all of them require a
        // valid token unless they say AllowAnonymous.
        app.UseAuthentication();
        app.UseAuthorization();
        // Policies come from the modules (intake limits); endpoints without one are not limited.
        app.UseRateLimiter();
        app.UseAuditLog(modules);
        // The services' endpoints, each declaring the problem answers its document lists (ProblemResponses).
        var endpoints = app.ServiceEndpoints();
        foreach (var module in modules)
        {
            module.MapEndpoints(endpoints);
            endpoints.MapAuditApi(module.AuditCategory);
        }
        app.MapServiceDocuments(modules);
        HostSettings.Validate(app);
        return app;
    }

    /// <summary>Migrations and demo data of every hosted service, before the first request.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken ct = default)
    {
        foreach (var module in app.Services.GetRequiredService<IReadOnlyList<IServiceModule>>())
            await module.InitializeAsync(app.Services, ct);
    }

    public static async Task RunAsync(string[] args, IReadOnlyList<IServiceModule> available)
    {
        if (args.Length > 0 && args[0] == "issue-token")
        {
            await IssueTokenCommand.RunAsync(args, available);
            return;
        }
        if (args.Length > 0 && args[0] == ResetPasswordCommand.Name)
        {
            await ResetPasswordCommand.RunAsync(args, available);
            return;
        }
        WebApplication app;
        try
        {
            app = Build(args, available);
            await InitializeAsync(app);
        }
        catch (Exception e) when (SettingsException.Describe(e) is { } problem)
        {
            // One line an operator can act on, before anything is served; no stack trace.
            Console.Error.WriteLine($"Governance cannot start: {problem}");
            Environment.ExitCode = SettingsException.ExitCode;
            return;
        }
        await app.StartAsync();
        var services = string.Join(", ", app.Services.GetRequiredService<IReadOnlyList<IServiceModule>>().Select(m => m.Name));
        foreach (var url in app.Urls)
            Console.WriteLine($"Governance ({services}) is serving at {url}   (health: {url}/health/ready)");
        await app.WaitForShutdownAsync();
    }

    /// <summary>service.name of the process's spans and metrics: "governance-incidents" for one service,
    /// "governance" for the standalone Host that runs them all.</summary>
    private static string TelemetryName(IReadOnlyList<IServiceModule> modules) =>
        modules.Count == 1 ? $"governance-{modules[0].Name}" : "governance";

    private static IReadOnlyList<IServiceModule> Select(IConfiguration configuration, IReadOnlyList<IServiceModule> available)
    {
        var wanted = configuration["Governance:Services"];
        if (string.IsNullOrWhiteSpace(wanted)) return available;
        var names = wanted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => available.All(m => !m.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
            throw new SettingsException(
                $"Governance:Services names unknown service(s) {string.Join(", ", unknown)}; known: {string.Join(", ", available.Select(m => m.Name))}");
        return available.Where(m => names.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
