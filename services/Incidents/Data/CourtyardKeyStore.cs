using Governance.Infrastructure.UnitCopy;

namespace Governance.Incidents.Data;

/// <summary>A courtyard as its QR sheet names it, with the key its code carries.</summary>
public sealed record CourtyardQr(string UnitCode, string Name, string Key);

/// <summary>
/// The SQL of courtyard QR keys (courtyard_qr_keys, migration 0017) and of the courtyards a grid's sheet
/// shows (Incidents' copy of the unit tree). A key is issued when a courtyard's code is first printed and
/// replaced only by a re-issue.
/// </summary>
public static class CourtyardKeyStore
{
    /// <summary>The courtyard (not retired) a QR's code and key open, with its name; null for anything else.</summary>
    public static async Task<CourtyardQr?> OpenAsync(DbSession session, string unitCode, string key)
    {
        var row = await session.QuerySingleOrDefaultAsync<KeyRow>("""
            SELECT u.code AS UnitCode, u.name AS Name, k.qr_key AS Key
            FROM courtyard_qr_keys k JOIN unit_copy u ON u.code = k.unit_code
            WHERE k.unit_code = @unitCode AND u.level = @level AND u.retired = 0
            """, new { unitCode, level = (short)UnitLevel.Courtyard });
        return row is not null && CourtyardKey.Matches(row.Key, key) ? new CourtyardQr(row.UnitCode, row.Name, row.Key) : null;
    }

    private sealed class KeyRow
    {
        public string UnitCode { get; init; } = default!;
        public string Name { get; init; } = default!;
        public string Key { get; init; } = default!;
    }

    /// <summary>The grid's courtyards (not retired), by code, each with its key: issued here for those that have none yet.</summary>
    public static async Task<IReadOnlyList<CourtyardQr>> ForGridAsync(UnitOfWork uow, string gridCode, string issuedBy)
    {
        var courtyards = (await uow.QueryAsync<(string Code, string Name)>("""
            SELECT code AS Code, name AS Name FROM unit_copy WHERE parent_code = @gridCode AND level = @level AND retired = 0 ORDER BY code
            """, new { gridCode, level = (short)UnitLevel.Courtyard })).ToList();
        var result = new List<CourtyardQr>(courtyards.Count);
        foreach (var (code, name) in courtyards) result.Add(new CourtyardQr(code, name, await KeyAsync(uow, code, issuedBy)));
        return result;
    }

    /// <summary>The courtyard with its key (issued now if it has none); null when the code is no courtyard in use.</summary>
    public static async Task<CourtyardQr?> OneAsync(UnitOfWork uow, string unitCode, string issuedBy) =>
        await UnitCopyStore.FindAsync(uow, unitCode) is { Level: UnitLevel.Courtyard, Retired: false } unit
            ? new CourtyardQr(unit.Code, unit.Name, await KeyAsync(uow, unit.Code, issuedBy))
            : null;

    /// <summary>A new key for the courtyard: every sheet printed before stops opening its page.</summary>
    public static async Task<string> ReissueAsync(UnitOfWork uow, string unitCode, string issuedBy)
    {
        var key = CourtyardKey.New();
        var changed = await uow.ExecuteAsync("""
            UPDATE courtyard_qr_keys SET qr_key = @key, issued_at_ms = @now, issued_by = @issuedBy WHERE unit_code = @unitCode
            """, new { unitCode, key, issuedBy, now = uow.Now.ToUnixTimeMilliseconds() });
        if (changed == 0) await InsertAsync(uow, unitCode, key, issuedBy);
        return key;
    }

    private static async Task<string> KeyAsync(UnitOfWork uow, string unitCode, string issuedBy)
    {
        if (await uow.QuerySingleOrDefaultAsync<string>("SELECT qr_key FROM courtyard_qr_keys WHERE unit_code = @unitCode", new { unitCode }) is { } key)
            return key;
        key = CourtyardKey.New();
        await InsertAsync(uow, unitCode, key, issuedBy);
        return key;
    }

    private static Task InsertAsync(UnitOfWork uow, string unitCode, string key, string issuedBy) => uow.ExecuteAsync("""
        INSERT INTO courtyard_qr_keys (unit_code, qr_key, issued_at_ms, issued_by) VALUES (@unitCode, @key, @now, @issuedBy)
        """, new { unitCode, key, issuedBy, now = uow.Now.ToUnixTimeMilliseconds() });
}
