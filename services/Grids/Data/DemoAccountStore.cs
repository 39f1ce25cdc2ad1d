namespace Governance.Grids.Data;

/// <summary>One serving member of staff in each role, with his department's name: the accounts the standalone
/// sign-in page offers, so every user's pages can be tried. The demo county's own account of a role (its id is the
/// role's name and his unit, as the seed writes it) comes first, so a person someone registers later never takes
/// that place; a role without one offers its serving member with the smallest id. People who left are never offered
/// (they could not sign in).</summary>
public static class DemoAccountStore
{
    public sealed class FirstOfRole
    {
        public string UserId { get; init; } = default!;
        public string Name { get; init; } = default!;
        public string Role { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public Guid? DepartmentId { get; init; }
        public string? DepartmentName { get; init; }
        public string? LeaderPost { get; init; }
        public string? LeaderUnits { get; init; }

        /// <summary>His leader post, if he holds one.</summary>
        public Model.LeaderPost? Leader() => Model.LeaderPost.FromStored(
            LeaderPost is not null && Codes.TryParse<Model.LeaderPostKind>(LeaderPost, out var post) ? post : null, LeaderUnits);
    }

    public static async Task<IReadOnlyList<FirstOfRole>> FirstOfEachRoleAsync(DbSession session) =>
        (await session.QueryAsync<FirstOfRole>("""
            SELECT s.id AS UserId, s.name AS Name, s.role AS Role, s.unit_code AS UnitCode, s.department_id AS DepartmentId, d.name_zh AS DepartmentName,
                s.leader_post AS LeaderPost, s.leader_units AS LeaderUnits
            FROM staff s LEFT JOIN departments d ON d.id = s.department_id
            WHERE s.left_at_ms IS NULL
            """))
        .GroupBy(s => s.Role)
        .Select(role => role.OrderBy(s => s.UserId.StartsWith(role.Key + "-", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(s => s.UserId, StringComparer.Ordinal).First())
        .OrderBy(s => s.Role, StringComparer.Ordinal)
        .ToList();
}
