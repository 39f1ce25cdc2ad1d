namespace Governance.FaultTests.Harness;

/// <summary>
/// A three-node RabbitMQ cluster on loopback (ha1@localhost … ha3@localhost, AMQP on 5681–5683), started
/// by deploy/lib/servers.sh's ensure_rabbitmq_cluster beside the single node on 5672 that the other tests
/// use, and removed (nodes stopped, data deleted) by <see cref="Dispose"/>. Everything goes through
/// servers.sh's functions, so the test drives the cluster the way an operator's shell would.
/// </summary>
public sealed class RabbitCluster : IDisposable
{
    public const int Size = 3;
    private const int BasePort = 5680; // servers.sh's RABBITMQ_CLUSTER_PORT: node N on BasePort + N

    private RabbitCluster() { }

    /// <summary>Starts the nodes that are not running and joins them (idempotent); a minute or so on a busy machine.</summary>
    public static RabbitCluster Start()
    {
        Servers(TimeSpan.FromMinutes(4), "ensure_rabbitmq_cluster");
        return new RabbitCluster();
    }

    public static int Port(int node) => BasePort + node;

    /// <summary>A Host's settings for this cluster: node 1 first, then 2 and 3 in turn when its connection drops.</summary>
    public static Dictionary<string, string> Settings(string vhost) => new()
    {
        ["Messaging:RabbitMq:Host"] = "127.0.0.1",
        ["Messaging:RabbitMq:Port"] = Port(1).ToString(),
        ["Messaging:RabbitMq:Nodes:0"] = $"127.0.0.1:{Port(2)}",
        ["Messaging:RabbitMq:Nodes:1"] = $"127.0.0.1:{Port(3)}",
        ["Messaging:RabbitMq:VirtualHost"] = vhost,
    };

    /// <summary>An empty virtual host (the cluster's: created through any node, it exists on all).</summary>
    public void CreateVirtualHost(string vhost)
    {
        Ctl(1, TimeSpan.FromSeconds(60), allowFailure: true, "delete_vhost", vhost);
        Ctl(1, TimeSpan.FromSeconds(60), allowFailure: false, "add_vhost", vhost);
        Ctl(1, TimeSpan.FromSeconds(60), allowFailure: false, "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    public sealed record QueueInfo(string Name, string Type, bool Durable, bool AutoDelete, long Messages);

    /// <summary>The virtual host's queues, as the given (running) node reports them for the whole cluster.</summary>
    public IReadOnlyList<QueueInfo> Queues(string vhost, int askNode)
    {
        var output = Ctl(askNode, TimeSpan.FromSeconds(60), allowFailure: false,
            "list_queues", "-p", vhost, "--quiet", "--no-table-headers", "name", "type", "durable", "auto_delete", "messages");
        return Rows(output, 5).Select(r => new QueueInfo(r[0], r[1], r[2] == "true", r[3] == "true", long.TryParse(r[4], out var n) ? n : 0)).ToList();
    }

    /// <summary>Messages (ready and unacknowledged) per queue, in the shape <see cref="FaultCluster.QueueDepths"/> takes.</summary>
    public IReadOnlyDictionary<string, long> QueueDepths(string vhost, int askNode) =>
        Queues(vhost, askNode).ToDictionary(q => q.Name, q => q.Messages);

    /// <summary>What the broker says of each queue and consumer, for a drill's log: ready and unacknowledged
    /// messages, consumers, and for a quorum queue its leader and the members online.</summary>
    public string Describe(string vhost, int askNode)
    {
        var queues = Ctl(askNode, TimeSpan.FromSeconds(60), allowFailure: true,
            "list_queues", "-p", vhost, "--quiet", "name", "type", "messages_ready", "messages_unacknowledged", "consumers", "leader", "online");
        var consumers = Ctl(askNode, TimeSpan.FromSeconds(60), allowFailure: true,
            "list_consumers", "-p", vhost, "--quiet", "queue_name", "channel_pid", "ack_required", "prefetch_count", "active");
        var channels = Ctl(askNode, TimeSpan.FromSeconds(60), allowFailure: true,
            "list_channels", "--quiet", "pid", "connection", "consumer_count", "messages_unacknowledged", "prefetch_count");
        return $"queues:\n{queues}\nconsumers:\n{consumers}\nchannels:\n{channels}";
    }

    /// <summary>Client connections to the virtual host that end on the given node's AMQP port.</summary>
    public int ConnectionsTo(int node, string vhost, int askNode) =>
        Rows(Ctl(askNode, TimeSpan.FromSeconds(60), allowFailure: false, "list_connections", "--quiet", "--no-table-headers", "vhost", "port"), 2)
            .Count(r => r[0] == vhost && r[1] == Port(node).ToString());

    /// <summary>SIGKILL to the node's Erlang VM: no orderly shutdown, its connections and queue members
    /// vanish at once, as in a crash. (The kernel still closes its sockets, so clients and the other nodes
    /// notice at once; a machine that loses power is noticed by the nodes after net_ticktime, 60 s.)</summary>
    public void Kill(int node)
    {
        var output = Ctl(node, TimeSpan.FromSeconds(60), allowFailure: false, "eval", "os:getpid().");
        var pid = int.Parse(new string(output.Where(char.IsAsciiDigit).ToArray()));
        LocalServers.KillNow(pid);
    }

    /// <summary>Stops the nodes and deletes their data: nothing is left behind for the next run.</summary>
    public void Dispose()
    {
        try { Servers(TimeSpan.FromMinutes(2), "remove_rabbitmq_cluster"); }
        catch (Exception ex) { TestContext.Out.WriteLine($"could not remove the RabbitMQ cluster: {ex.Message}"); }
    }

    private static List<string[]> Rows(string output, int columns) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries)).Where(r => r.Length == columns).ToList();

    private static string Ctl(int node, TimeSpan limit, bool allowFailure, params string[] args) =>
        Servers(limit, allowFailure, "rabbitmq_cluster_ctl", [node.ToString(), .. args]);

    private static string Servers(TimeSpan limit, string function) => Servers(limit, false, function, []);

    /// <summary>Runs one function of deploy/lib/servers.sh in bash (sourced, as the scripts use it).</summary>
    private static string Servers(TimeSpan limit, bool allowFailure, string function, string[] args) =>
        LocalServers.Run("bash", ["-c", "source \"$0\" && \"$@\"", ServersScript, function, .. args], limit, allowFailure).Output;

    private static string ServersScript
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var script = Path.Combine(folder.FullName, "deploy", "lib", "servers.sh");
                if (File.Exists(script)) return script;
            }
            throw new InvalidOperationException($"No deploy/lib/servers.sh above {AppContext.BaseDirectory}");
        }
    }
}
