namespace Governance.Incidents.Data;

/// <summary>A one-time code as stored: its keyed hash, never the code.</summary>
public sealed record ResidentCode(Guid Id, string UnitCode, string CodeHash, DateTimeOffset ExpiresAt, int Attempts);

/// <summary>The case a resident's status link opens.</summary>
public sealed record ResidentFiling(Guid IncidentId, string UnitCode, DateTimeOffset FiledAt);

/// <summary>
/// The SQL of residents' one-time codes (resident_codes) and filings (resident_filings), migration 0017. A phone
/// is known here only by its keyed hash: enough to count what it asked for, nothing to text or read.
/// </summary>
public static class ResidentStore
{
    public static Task InsertCodeAsync(UnitOfWork uow, Guid id, string unitCode, string phoneHash, string codeHash, DateTimeOffset expiresAt) =>
        uow.ExecuteAsync("""
            INSERT INTO resident_codes (id, unit_code, phone_hash, code_hash, created_at_ms, expires_at_ms, attempts)
            VALUES (@id, @unitCode, @phoneHash, @codeHash, @now, @expires, 0)
            """, new { id, unitCode, phoneHash, codeHash, now = uow.Now.ToUnixTimeMilliseconds(), expires = expiresAt.ToUnixTimeMilliseconds() });

    /// <summary>Codes texted to this phone since <paramref name="since"/>.</summary>
    public static Task<int> CodesSinceAsync(DbSession session, string phoneHash, DateTimeOffset since) =>
        session.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM resident_codes WHERE phone_hash = @phoneHash AND created_at_ms >= @since",
            new { phoneHash, since = since.ToUnixTimeMilliseconds() });

    private sealed class CodeRow
    {
        public Guid Id { get; init; }
        public string UnitCode { get; init; } = default!;
        public string CodeHash { get; init; } = default!;
        public long ExpiresAtMs { get; init; }
        public int Attempts { get; init; }
    }

    /// <summary>The phone's newest unused code (locked, inside a change): only the last text counts.</summary>
    public static async Task<ResidentCode?> NewestUnusedAsync(UnitOfWork uow, string phoneHash)
    {
        var newest = await uow.QueryFirstOrDefaultAsync<Guid?>($"""
            SELECT id FROM resident_codes WHERE phone_hash = @phoneHash AND used_at_ms IS NULL ORDER BY created_at_ms DESC, id DESC {Sql.Page(uow.Provider, 1)}
            """, new { phoneHash });
        if (newest is not { } id) return null;
        var row = await uow.QuerySingleOrDefaultAsync<CodeRow>(Sql.SelectForUpdate(uow,
            "id AS Id, unit_code AS UnitCode, code_hash AS CodeHash, expires_at_ms AS ExpiresAtMs, attempts AS Attempts", "resident_codes", "id = @id"), new { id });
        return row is null ? null : new ResidentCode(row.Id, row.UnitCode, row.CodeHash, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAtMs), row.Attempts);
    }

    public static Task CountAttemptAsync(UnitOfWork uow, Guid id) =>
        uow.ExecuteAsync("UPDATE resident_codes SET attempts = attempts + 1 WHERE id = @id", new { id });

    public static Task MarkUsedAsync(UnitOfWork uow, Guid id) =>
        uow.ExecuteAsync("UPDATE resident_codes SET used_at_ms = @now WHERE id = @id", new { id, now = uow.Now.ToUnixTimeMilliseconds() });

    public static Task InsertFilingAsync(UnitOfWork uow, Guid incidentId, string unitCode, string phoneHash, string statusTokenHash) =>
        uow.ExecuteAsync("""
            INSERT INTO resident_filings (incident_id, unit_code, phone_hash, status_token_hash, filed_at_ms)
            VALUES (@incidentId, @unitCode, @phoneHash, @statusTokenHash, @now)
            """, new { incidentId, unitCode, phoneHash, statusTokenHash, now = uow.Now.ToUnixTimeMilliseconds() });

    /// <summary>Cases this phone filed since <paramref name="since"/>.</summary>
    public static Task<int> FilingsSinceAsync(DbSession session, string phoneHash, DateTimeOffset since) =>
        session.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM resident_filings WHERE phone_hash = @phoneHash AND filed_at_ms >= @since",
            new { phoneHash, since = since.ToUnixTimeMilliseconds() });

    private sealed class FilingRow
    {
        public Guid IncidentId { get; init; }
        public string UnitCode { get; init; } = default!;
        public long FiledAtMs { get; init; }
    }

    public static async Task<ResidentFiling?> FindByTokenHashAsync(DbSession session, string statusTokenHash) =>
        await session.QuerySingleOrDefaultAsync<FilingRow>("""
            SELECT incident_id AS IncidentId, unit_code AS UnitCode, filed_at_ms AS FiledAtMs FROM resident_filings WHERE status_token_hash = @statusTokenHash
            """, new { statusTokenHash }) is { } row
            ? new ResidentFiling(row.IncidentId, row.UnitCode, DateTimeOffset.FromUnixTimeMilliseconds(row.FiledAtMs))
            : null;
}
