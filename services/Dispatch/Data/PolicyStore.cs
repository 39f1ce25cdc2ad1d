using System.Collections.Concurrent;
using System.Text.Json;
using Governance.Dispatch.Routing;

namespace Governance.Dispatch.Data;

/// <summary>
/// Routing policy versions. Versions are immutable once written, so each is read from the database
/// once per process and then served from memory; only "which is current" is asked each time.
/// </summary>
public sealed class PolicyStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<int, RoutingPolicy> _versions = new();

    public async Task<RoutingPolicy> CurrentAsync(DbSession session)
    {
        var version = await session.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM policies")
            ?? throw new InvalidOperationException("No routing policy: Dispatch has not been initialised");
        return await VersionAsync(session, version);
    }

    public async Task<RoutingPolicy> VersionAsync(DbSession session, int version)
    {
        if (_versions.TryGetValue(version, out var cached)) return cached;
        var document = await session.QuerySingleAsync<string>("SELECT document FROM policies WHERE version = @version", new { version });
        var policy = JsonSerializer.Deserialize<RoutingPolicy>(document, Json)! with { Version = version };
        return _versions.GetOrAdd(version, policy);
    }

    /// <summary>Writes the policy as the next version and returns it.</summary>
    public async Task<RoutingPolicy> AddVersionAsync(UnitOfWork uow, RoutingPolicy policy, string by, DateTimeOffset at)
    {
        var version = (await uow.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM policies") ?? 0) + 1;
        var stored = policy with { Version = version };
        await uow.ExecuteAsync(
            "INSERT INTO policies (version, document, created_at_ms, created_by) VALUES (@version, @document, @at, @by)",
            new { version, document = JsonSerializer.Serialize(stored, Json), at = at.ToUnixTimeMilliseconds(), by });
        return stored;
    }

    public static Task<bool> AnyAsync(DbSession session) =>
        session.ExecuteScalarAsync<bool>("SELECT CASE WHEN EXISTS (SELECT 1 FROM policies) THEN 1 ELSE 0 END");
}
