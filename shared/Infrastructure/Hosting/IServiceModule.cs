using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// A service (Grids, Incidents, Dispatch) as a unit the host can compose: one process may hold all
/// three (standalone) or one (distributed). The same registration runs in both.
/// </summary>
public interface IServiceModule
{
    /// <summary>Lower-case name: configuration key, queue name, migration track.</summary>
    string Name { get; }

    /// <summary>
    /// The paths this service answers under, each one or more whole segments with a leading slash
    /// ("/grids", "/open311"). Every endpoint the module maps lies under one of them (tested:
    /// tests/Governance.IntegrationTests/Routes); the host sends writes under them to this service's
    /// audit log and keeps web pages off them, and the gateway's configured routes are tested against them.
    /// </summary>
    IReadOnlyList<string> RoutePrefixes { get; }

    /// <summary>Whose audit log records the writes under <see cref="RoutePrefixes"/>: the key the service's
    /// database is registered under (<see cref="ServiceDatabaseSetup.AddServiceDatabase{TDatabase}"/>).
    /// Its log is read at /{AuditCategory}/audit.</summary>
    string AuditCategory { get; }

    void AddServices(WebApplicationBuilder builder);

    void AddConsumers(IBusRegistrationConfigurator bus);

    void MapEndpoints(IEndpointRouteBuilder routes);

    /// <summary>Runs before the host starts serving: migrations, demo data.</summary>
    Task InitializeAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>Records a token the operator command issue-token signed, if this service keeps them
    /// (Grids does: service accounts are listed and revocable). Null: recorded; otherwise why not.</summary>
    Task<string?> RecordServiceTokenAsync(IServiceProvider services, Security.ServiceToken token, CancellationToken ct) =>
        Task.FromResult<string?>("this service keeps no service tokens");

    /// <summary>The operator command reset-password: a one-time password for a member of staff, if this service
    /// keeps people's passwords (Grids does): the password, or why not.</summary>
    Task<Outcome<string>> ResetPasswordAsync(IServiceProvider services, string staffId, string actor, CancellationToken ct) =>
        Task.FromResult<Outcome<string>>(new Outcome<string>.Conflict("this service keeps no passwords"));
}
