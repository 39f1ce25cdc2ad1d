using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Security;

/// <summary>
/// The person behind a request: id, roles and the units whose subtrees he may act and read in.
/// With authentication switched off (local experiments only) the caller is unrestricted and names
/// himself in the X-User header.
/// </summary>
public sealed record Caller(string Id, IReadOnlyList<string> Roles, IReadOnlyList<string> Units, bool Unrestricted)
{
    public bool HasAnyRole(params string[] roles) => Unrestricted || Roles.Intersect(roles).Any();

    /// <summary>True when one of the caller's units is in <paramref name="chain"/> (a place and its ancestors).</summary>
    public bool Covers(IEnumerable<string> chain) => Unrestricted || chain.Any(Units.Contains);

    public static Caller Of(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<AuthOptions>();
        if (!options.Enabled)
            return new Caller(Hosting.Actor.FromHeader(http), [], [], Unrestricted: true);
        var user = http.User;
        return user.Identity?.IsAuthenticated == true
            ? new Caller(user.Id(), user.Roles(), user.Units(), Unrestricted: false)
            : new Caller("anonymous", [], [], Unrestricted: false);
    }
}
