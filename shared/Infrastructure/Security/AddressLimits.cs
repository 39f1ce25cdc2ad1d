using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Security;

/// <summary>A fixed window of permits per client address: for whoever is nobody yet (signing in, a resident's public
/// page, an Open311 client without a user). One partition key for all of them, so a limit on one route and on another
/// are told apart by their policy, not by how each spelt the address.</summary>
public static class AddressLimits
{
    public static RateLimitPartition<string> PerAddress(HttpContext http, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(Key(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    /// <summary>The client's address as a partition key.</summary>
    public static string Key(HttpContext http) => $"ip:{http.Connection.RemoteIpAddress}";
}
