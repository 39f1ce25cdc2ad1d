using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Security;

/// <summary>
/// The person behind a request: id, roles, the units whose subtrees he may act and read in, his
/// department and the units he is linked to as a leader. With authentication switched off (local
/// experiments only) the caller is unrestricted and names himself in the X-User header.
/// </summary>
public sealed record Caller(string Id, IReadOnlyList<string> Roles, IReadOnlyList<string> Units, bool Unrestricted,
    string? Department = null, IReadOnlyList<string>? LeaderUnits = null)
{
    public bool HasAnyRole(params string[] roles) => Unrestricted || Roles.Intersect(roles).Any();

    /// <summary>True when one of the caller's units is in <paramref name="chain"/> (a place and its ancestors).</summary>
    public bool Covers(IEnumerable<string> chain) => Unrestricted || chain.Any(Units.Contains);

    /// <summary>The caller as the permission model sees him.</summary>
    public Person Person => new(Id, Roles, Units, Department, LeaderUnits);

    public static Caller Of(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<AuthOptions>();
        if (!options.Enabled)
            return new Caller(Hosting.Actor.FromHeader(http), [], [], Unrestricted: true);
        var user = http.User;
        return user.Identity?.IsAuthenticated == true
            ? new Caller(user.Id(), user.Roles(), user.Units(), Unrestricted: false, user.Department(), user.LeaderUnits())
            : new Caller("anonymous", [], [], Unrestricted: false);
    }
}
