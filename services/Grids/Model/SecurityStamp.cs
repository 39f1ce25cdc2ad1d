using System.Security.Cryptography;
using System.Text;

namespace Governance.Grids.Model;

/// <summary>
/// A person's security stamp: derived from exactly what his token claims about him (role, home unit,
/// department; the units he is linked to as a leader), so it changes when, and only when, a token issued earlier would claim something no
/// longer true. Leaving is told apart by its own flag. Not a secret: it travels inside signed tokens
/// and in AccountAccessChanged, and is only ever compared.
/// </summary>
public static class SecurityStamp
{
    public static string Of(StaffMember member) => Of(member.Role, member.UnitCode, member.DepartmentId, member.Leader?.LinkedUnits);

    /// <param name="leaderUnits">Only when he has some: a person without a leader post keeps the stamp he had
    /// before leader posts existed, so their arrival signed nobody out.</param>
    public static string Of(string role, string unitCode, Guid? departmentId, IReadOnlyList<string>? leaderUnits = null)
    {
        var claims = $"{role}\n{unitCode}\n{departmentId?.ToString() ?? ""}";
        if (leaderUnits is { Count: > 0 }) claims += $"\nleader:{string.Join(' ', leaderUnits)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(claims)))[..32];
    }
}
