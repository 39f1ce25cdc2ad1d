using Governance.Infrastructure.Data;
using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Governance.Infrastructure.Authority;

namespace Governance.Infrastructure.Security;

/// <summary>
/// Records every successful state change (POST, PUT, PATCH, DELETE) in the audit log of the service
/// whose route it was: who, when, what (method and path), on what (the route's id), from where. The
/// service is the module that declares the path's prefix (IServiceModule.RoutePrefixes), its log the
/// module's AuditCategory.
/// </summary>
public static class AuditSetup
{
    public static void UseAuditLog(this WebApplication app, IReadOnlyList<IServiceModule> modules)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)) return;
            if (context.Response.StatusCode >= 400) return; // refused: nothing changed
            var path = context.Request.Path.Value ?? "";
            // A change no log can take is an error, never a silent skip: an endpoint mapped outside its
            // module's prefixes (a test fails on that first), or a category with no database. The change
            // is committed already, so failing the answer would not undo it; an error is logged instead.
            var owner = ServiceRoutes.OwnerOf(modules, context.Request.Path);
            var database = owner is null ? null : context.RequestServices.GetKeyedService<Database>(owner.AuditCategory);
            if (database is null)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Governance.Audit").LogError(
                    "Not audited: {Method} {Path} changed state but {Reason}", method, path,
                    owner is null ? "no hosted service declares its route prefix" : $"{owner.Name}'s audit category '{owner.AuditCategory}' has no database");
                return;
            }
            try
            {
                var target = context.Request.RouteValues.Where(v => v.Key is "id" or "incidentId" or "code" or "year")
                    .Select(v => v.Value?.ToString()).FirstOrDefault();
                await AuditLog.AppendAsync(database, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
                    AuditActor.Of(context), $"{method} {path}", target, $"status {context.Response.StatusCode}",
                    context.Connection.RemoteIpAddress?.ToString());
            }
            catch (Exception ex)
            {
                // The change itself is committed; a failed audit append must be loud, not silent.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Governance.Audit")
                    .LogError(ex, "Audit append failed for {Method} {Path}", method, path);
            }
        });
    }

    /// <summary>GET /{service}/audit (recent rows) and /{service}/audit/verify (the chain) for county administrators.</summary>
    public static void MapAuditApi(this IEndpointRouteBuilder routes, string service)
    {
        var audit = routes.MapGroup($"/{service}/audit").PerformsCountyWide(UnitAction.ReadAudit).WithTags("Audit");
        audit.MapGet("", async Task<Ok<IReadOnlyList<AuditEntry>>> (IServiceProvider sp, int? limit) =>
        {
            var db = sp.GetRequiredKeyedService<Database>(service);
            await using var c = await db.OpenAsync();
            return TypedResults.Ok(await AuditLog.RecentAsync(c, db.Provider, Math.Clamp(limit ?? 100, 1, 1000)));
        }).WithSummary("The service's audit log, newest first");
        audit.MapGet("/verify", async Task<Ok<AuditVerification>> (IServiceProvider sp, CancellationToken ct) =>
        {
            var db = sp.GetRequiredKeyedService<Database>(service);
            await using var c = await db.OpenAsync(ct);
            return TypedResults.Ok(await AuditLog.VerifyAsync(c, db.Provider, ct));
        }).WithSummary("Verify the audit log's hash chain");
    }
}
