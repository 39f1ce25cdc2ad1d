namespace Governance.IntegrationTests.Support;

/// <summary>
/// The services split over two Host processes (in-process here) on their own PostgreSQL databases and
/// RabbitMQ virtual host, as a county runs them: what one learns of the other comes by message only.
/// The second host can be stopped and started again, to hold a message in RabbitMQ for as long as a test needs.
/// </summary>
public sealed class TwoHosts : IAsyncDisposable
{
    private readonly string _secondServices;

    public PostgresRabbitEnvironment Environment { get; }
    public InProcessHost First { get; }
    public InProcessHost? Second { get; private set; }

    private TwoHosts(PostgresRabbitEnvironment environment, InProcessHost first, InProcessHost second, string secondServices)
    {
        Environment = environment;
        First = first;
        Second = second;
        _secondServices = secondServices;
    }

    /// <param name="firstServices">e.g. "grids"; <paramref name="secondServices"/> e.g. "incidents,dispatch".</param>
    public static async Task<TwoHosts> StartAsync(string name, string firstServices, string secondServices)
    {
        var environment = await PostgresRabbitEnvironment.CreateAsync(name);
        var first = await InProcessHost.StartAsync(environment.Settings(firstServices));
        var second = await InProcessHost.StartAsync(environment.Settings(secondServices));
        return new TwoHosts(environment, first, second, secondServices);
    }

    public async Task StopSecondAsync()
    {
        if (Second is null) return;
        await Second.DisposeAsync();
        Second = null;
    }

    public async Task StartSecondAsync() => Second ??= await InProcessHost.StartAsync(Environment.Settings(_secondServices));

    public async ValueTask DisposeAsync()
    {
        await StopSecondAsync();
        await First.DisposeAsync();
        await Environment.DisposeAsync();
    }
}
