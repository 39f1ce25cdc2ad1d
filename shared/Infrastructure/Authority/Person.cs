namespace Governance.Infrastructure.Authority;

/// <summary>
/// What the permission model needs of the caller: who, in which roles, over which units, in which
/// department (department handlers) and linked to which units as a leader (联系点). Built from the
/// token by <see cref="Security.Caller"/>; pure data, so the model is tested without HTTP.
/// </summary>
public sealed record Person(
    string Id, IReadOnlyList<string> Roles, IReadOnlyList<string> Units,
    string? Department = null, IReadOnlyList<string>? LeaderUnits = null)
{
    public IReadOnlyList<string> LeaderOf => LeaderUnits ?? [];

    public bool HasRole(string role) => Roles.Contains(role);
}
