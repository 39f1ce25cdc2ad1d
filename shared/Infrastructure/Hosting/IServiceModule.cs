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
    /// <summary>Lower-case name: configuration key, route prefix, queue name, migration track.</summary>
    string Name { get; }

    void AddServices(WebApplicationBuilder builder);

    void AddConsumers(IBusRegistrationConfigurator bus);

    void MapEndpoints(IEndpointRouteBuilder routes);

    /// <summary>Runs before the host starts serving: migrations, demo data.</summary>
    Task InitializeAsync(IServiceProvider services, CancellationToken ct);
}
