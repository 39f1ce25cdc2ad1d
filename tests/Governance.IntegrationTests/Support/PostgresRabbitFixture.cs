namespace Governance.IntegrationTests.Support;

/// <summary>Per-fixture PostgreSQL databases (one per service) and a RabbitMQ virtual host,
/// and the settings that point a Host at them.</summary>
public sealed class PostgresRabbitEnvironment
{
    private static readonly string[] Services = ["grids", "incidents", "dispatch"];
    private readonly string _prefix;
    private readonly string? _postgresAdmin;

    public string VirtualHost { get; }
    public Dictionary<string, string> ConnectionStrings { get; } = new();

    private PostgresRabbitEnvironment(string prefix, string? postgresAdmin)
    {
        _prefix = prefix;
        _postgresAdmin = postgresAdmin;
        VirtualHost = TestServers.NewVirtualHost();
    }

    /// <summary>The databases on the shared PostgreSQL, or on the server <paramref name="postgresAdmin"/> names.</summary>
    public static async Task<PostgresRabbitEnvironment> CreateAsync(string name, string? postgresAdmin = null)
    {
        var environment = new PostgresRabbitEnvironment($"t_{name}_{Environment.ProcessId}", postgresAdmin);
        foreach (var service in Services)
            environment.ConnectionStrings[service] = await TestServers.CreateDatabaseAsync($"{environment._prefix}_{service}", postgresAdmin);
        return environment;
    }

    /// <summary>Configuration for a Host in distributed mode against these servers.</summary>
    public Dictionary<string, string> Settings(string services = "grids,incidents,dispatch")
    {
        var settings = new Dictionary<string, string>
        {
            ["Governance:Services"] = services,
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = TestServers.RabbitHost,
            ["Messaging:RabbitMq:VirtualHost"] = VirtualHost,
            ["Messaging:RetryLimit"] = "3",
            ["Messaging:RetryMinInterval"] = "00:00:00.050",
            ["Messaging:RetryMaxInterval"] = "00:00:00.300",
            ["Database:Provider"] = "Postgres",
            ["Outbox:PollInterval"] = "00:00:00.100",
        };
        foreach (var (service, connection) in ConnectionStrings) settings[$"ConnectionStrings:{service}"] = connection;
        foreach (var (key, value) in TestTokens.HostSettings) settings[key] = value;
        return settings;
    }

    public async Task DisposeAsync()
    {
        foreach (var service in Services) await TestServers.DropDatabaseAsync($"{_prefix}_{service}", _postgresAdmin);
        TestServers.DeleteVirtualHost(VirtualHost);
    }
}
