namespace Governance.IntegrationTests.Support;

/// <summary>
/// The RabbitMQ virtual hosts of the test fixtures, made and deleted a batch at a time. Each rabbitmqctl call starts
/// an Erlang VM, about a second of CPU on these two-core machines, and a fixture on RabbitMQ needed three (add_vhost,
/// set_permissions, delete_vhost): with some sixty such fixtures in a CI run that was three minutes of CPU taken from
/// the tests running beside them. One <c>rabbitmqctl eval</c> now makes <see cref="Batch"/> hosts (each with the guest
/// user's permissions), and one deletes the returned ones once as many have come back, and at the end of the assembly's tests
/// (TestVirtualHostsCleanup) whatever is left.
/// Every name is new (process id and a random part), so none is one a killed run left behind with its queues.
/// </summary>
public static class TestVirtualHosts
{
    private const int Batch = 4;
    private const string ActingUser = "<<\"governance-tests\">>";
    private static readonly object Gate = new();
    private static readonly Queue<string> Ready = new();
    private static readonly List<string> Returned = [];
    private static int _made;

    /// <summary>A virtual host no one has used, the guest user allowed everything on it.</summary>
    public static string Take()
    {
        lock (Gate)
        {
            if (Ready.Count == 0) Make();
            return Ready.Dequeue();
        }
    }

    /// <summary>A host from <see cref="Take"/> that is done with: deleted with the next batch.</summary>
    public static void Return(string vhost)
    {
        lock (Gate)
        {
            Returned.Add(vhost);
            DeleteReturned(all: false);
        }
    }

    /// <summary>Deletes every host of this process still there: the returned ones and those no fixture took.</summary>
    public static void DeleteAll()
    {
        lock (Gate)
        {
            while (Ready.Count > 0) Returned.Add(Ready.Dequeue());
            DeleteReturned(all: true);
        }
    }

    private static void Make()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var names = Enumerable.Range(0, Batch).Select(_ => $"governance-test-{Environment.ProcessId}-{run}-{++_made}").ToList();
        Eval($"[begin ok = rabbit_vhost:add(V, {ActingUser}), "
             + $"ok = rabbit_auth_backend_internal:set_permissions(<<\"guest\">>, V, <<\".*\">>, <<\".*\">>, <<\".*\">>, {ActingUser}) end "
             + $"|| V <- {List(names)}], ok.", allowFailure: false);
        foreach (var name in names) Ready.Enqueue(name);
    }

    /// <summary>Deletes the returned hosts once a batch has come back, or (at the end) whatever has. A failed delete
    /// leaves hosts behind and fails nothing: their names are never used again.</summary>
    private static void DeleteReturned(bool all)
    {
        lock (Gate)
        {
            if (Returned.Count == 0 || (!all && Returned.Count < Batch)) return;
            Eval($"[rabbit_vhost:delete(V, {ActingUser}) || V <- {List(Returned)}], ok.", allowFailure: true);
            Returned.Clear();
        }
    }

    /// <summary>An Erlang list of binaries; the names hold only letters, digits and '-', nothing to escape.</summary>
    private static string List(IEnumerable<string> names) => "[" + string.Join(", ", names.Select(n => $"<<\"{n}\">>")) + "]";

    private static void Eval(string expression, bool allowFailure)
    {
        var output = TestServers.Rabbitmqctl(["eval", expression], allowFailure).Trim();
        if (!allowFailure && output != "ok")
            throw new InvalidOperationException($"rabbitmqctl eval answered '{output}' to: {expression}");
    }
}
