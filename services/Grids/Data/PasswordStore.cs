namespace Governance.Grids.Data;

/// <summary>A member of staff's password as kept (staff_passwords): never read with people, never shown.</summary>
public sealed record StoredPassword(string StaffId, string Hash, bool MustChange, DateTimeOffset SetAt, int FailedSignIns, DateTimeOffset? LockedUntil);

/// <summary>The SQL of staff_passwords.</summary>
public static class PasswordStore
{
    private sealed class Row
    {
        public string StaffId { get; init; } = default!;
        public string Hash { get; init; } = default!;
        public int MustChange { get; init; }
        public long SetAtMs { get; init; }
        public int FailedSignIns { get; init; }
        public long? LockedUntilMs { get; init; }

        public StoredPassword ToPassword() => new(StaffId, Hash, MustChange != 0, DateTimeOffset.FromUnixTimeMilliseconds(SetAtMs), FailedSignIns,
            LockedUntilMs is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : null);
    }

    public static async Task<StoredPassword?> FindAsync(DbSession session, string staffId) =>
        (await session.QuerySingleOrDefaultAsync<Row>("""
            SELECT staff_id AS StaffId, hash AS Hash, must_change AS MustChange, set_at_ms AS SetAtMs, failed_sign_ins AS FailedSignIns,
                locked_until_ms AS LockedUntilMs
            FROM staff_passwords WHERE staff_id = @staffId
            """, new { staffId }))?.ToPassword();

    /// <summary>Sets the password (a reset or its holder's own choice): failures forgotten, lock lifted.</summary>
    public static async Task SetAsync(UnitOfWork uow, string staffId, string hash, bool mustChange, string setBy)
    {
        var values = new { staffId, hash, mustChange = mustChange ? 1 : 0, at = uow.Now.ToUnixTimeMilliseconds(), setBy };
        var updated = await uow.ExecuteAsync("""
            UPDATE staff_passwords SET hash = @hash, must_change = @mustChange, set_at_ms = @at, set_by = @setBy, failed_sign_ins = 0,
                locked_until_ms = NULL
            WHERE staff_id = @staffId
            """, values);
        if (updated == 0)
            await uow.ExecuteAsync("""
                INSERT INTO staff_passwords (staff_id, hash, must_change, set_at_ms, set_by, failed_sign_ins, locked_until_ms)
                VALUES (@staffId, @hash, @mustChange, @at, @setBy, 0, NULL)
                """, values);
    }

    /// <summary>One more wrong password; the one that reaches <paramref name="failuresBeforeLock"/> (and each
    /// after it, until a good one) locks the account until <paramref name="lockedUntil"/>. One statement, so
    /// that attempts at the same moment each count.</summary>
    public static Task CountFailureAsync(UnitOfWork uow, string staffId, int failuresBeforeLock, DateTimeOffset lockedUntil) =>
        uow.ExecuteAsync("""
            UPDATE staff_passwords SET failed_sign_ins = failed_sign_ins + 1,
                locked_until_ms = CASE WHEN failed_sign_ins + 1 >= @failuresBeforeLock THEN @until ELSE locked_until_ms END
            WHERE staff_id = @staffId
            """, new { staffId, failuresBeforeLock, until = lockedUntil.ToUnixTimeMilliseconds() });

    /// <summary>A good password: the failures before it are forgotten and a hash made with older parameters is
    /// renewed — unless the account is locked by now (false): wrong passwords sent at the same moment may have
    /// locked it since it was read.</summary>
    public static async Task<bool> SucceededAsync(UnitOfWork uow, string staffId, string? renewedHash) =>
        await uow.ExecuteAsync($"""
            UPDATE staff_passwords SET failed_sign_ins = 0, locked_until_ms = NULL{(renewedHash is null ? "" : ", hash = @renewedHash")}
            WHERE staff_id = @staffId AND (locked_until_ms IS NULL OR locked_until_ms <= @now)
            """, new { staffId, renewedHash, now = uow.Now.ToUnixTimeMilliseconds() }) == 1;
}
