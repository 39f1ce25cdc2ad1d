namespace Governance.Grids.Model;

/// <summary>A token issue-token signed for a service account or a script, as Grids records it; the
/// token itself is never stored. <paramref name="Id"/> is the token's jti.</summary>
public sealed record ServiceAccount(
    string Id, string Subject, string Role, string UnitCode, string? DepartmentId, string IssuedBy, DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt, string? RevokedBy = null, DateTimeOffset? RevokedAt = null, long Version = 1);
