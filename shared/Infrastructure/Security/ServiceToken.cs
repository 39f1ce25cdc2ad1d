namespace Governance.Infrastructure.Security;

/// <summary>A token the operator command <c>issue-token</c> signed for a service account or a script.
/// <paramref name="Id"/> is its jti: Grids records it so that a county administrator can list and
/// revoke it (docs/sessions.md).</summary>
public sealed record ServiceToken(string Id, string Subject, string Role, string UnitCode, string? DepartmentId,
    string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
