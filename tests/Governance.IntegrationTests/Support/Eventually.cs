namespace Governance.IntegrationTests.Support;

/// <summary>Polls until a condition holds or a time limit passes — messages take a moment to
/// travel, and a fixed sleep is either too long or too short.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, Func<T, bool> done, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await probe();
            if (last is not null && done(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Waited {limit.TotalSeconds:0}s for {what}; last seen: {System.Text.Json.JsonSerializer.Serialize(last)}");
    }
}
