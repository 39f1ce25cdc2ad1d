namespace Governance.Grids.Data;

/// <summary>The SQL of recorded service tokens (service_accounts).</summary>
public static class ServiceAccountStore
{
    private const string Columns = """
        id AS Id, subject AS Subject, role AS Role, unit_code AS UnitCode, department_id AS DepartmentId, issued_by AS IssuedBy,
        issued_at_ms AS IssuedAtMs, expires_at_ms AS ExpiresAtMs, revoked_by AS RevokedBy, revoked_at_ms AS RevokedAtMs, version AS Version
        """;

    private sealed class Row
    {
        public string Id { get; init; } = default!;
        public string Subject { get; init; } = default!;
        public string Role { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public string? DepartmentId { get; init; }
        public string IssuedBy { get; init; } = default!;
        public long IssuedAtMs { get; init; }
        public long ExpiresAtMs { get; init; }
        public string? RevokedBy { get; init; }
        public long? RevokedAtMs { get; init; }
        public long Version { get; init; }

        public ServiceAccount ToAccount() => new(Id, Subject, Role, UnitCode, DepartmentId, IssuedBy, At(IssuedAtMs), At(ExpiresAtMs),
            RevokedBy, RevokedAtMs is { } r ? At(r) : null, Version);

        private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    public static Task InsertAsync(UnitOfWork uow, ServiceAccount a) =>
        uow.ExecuteAsync("""
            INSERT INTO service_accounts (id, subject, role, unit_code, department_id, issued_by, issued_at_ms, expires_at_ms, version)
            VALUES (@Id, @Subject, @Role, @UnitCode, @DepartmentId, @IssuedBy, @IssuedAtMs, @ExpiresAtMs, @Version)
            """, new
        {
            a.Id, a.Subject, a.Role, a.UnitCode, a.DepartmentId, a.IssuedBy, IssuedAtMs = a.IssuedAt.ToUnixTimeMilliseconds(),
            ExpiresAtMs = a.ExpiresAt.ToUnixTimeMilliseconds(), a.Version,
        });

    /// <summary>Revokes a token nobody revoked meanwhile; false if someone did.</summary>
    public static async Task<bool> RevokeAsync(UnitOfWork uow, string id, string by, DateTimeOffset at) =>
        await uow.ExecuteAsync("""
            UPDATE service_accounts SET revoked_by = @by, revoked_at_ms = @at, version = version + 1
            WHERE id = @id AND revoked_at_ms IS NULL
            """, new { id, by, at = at.ToUnixTimeMilliseconds() }) == 1;

    public static async Task<ServiceAccount?> FindAsync(DbSession session, string id) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM service_accounts WHERE id = @id", new { id }))?.ToAccount();

    /// <summary>Newest first; <paramref name="revokedOnly"/> for a copy's snapshot.</summary>
    public static async Task<IReadOnlyList<ServiceAccount>> ListAsync(DbSession session, int limit, int offset, bool revokedOnly = false) =>
        (await session.QueryAsync<Row>($"""
            SELECT {Columns} FROM service_accounts {(revokedOnly ? "WHERE revoked_at_ms IS NOT NULL" : "")}
            ORDER BY issued_at_ms DESC, id {Sql.Page(session.Provider, limit, offset)}
            """)).Select(r => r.ToAccount()).ToList();

}
