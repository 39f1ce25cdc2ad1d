using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Security;

/// <summary>
/// Whom the audit log names for a request: the signed-in caller, unless the endpoint knows better for a
/// request that carries no token — an Open311 client system acting by its API key ("open311:&lt;client&gt;"),
/// or a sign-in, which names the account whose session it started or renewed.
/// </summary>
public static class AuditActor
{
    private static readonly object Key = new();

    /// <summary>Names whom this request acted for; the audit row takes it instead of "anonymous".</summary>
    public static void Name(HttpContext context, string actor) => context.Items[Key] = actor;

    public static string Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var named) && named is string actor ? actor : Caller.Of(context).Id;
}
