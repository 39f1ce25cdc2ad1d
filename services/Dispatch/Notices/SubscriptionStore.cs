using Dapper;

namespace Governance.Dispatch.Notices;

/// <summary>The SQL of subscription rules. Filters are stored as comma-separated codes, NULL for any.</summary>
public static class SubscriptionStore
{
    private const string Columns = """
        id AS Id, name AS Name, categories AS Categories, grades AS Grades, tiers AS Tiers, unit_code_prefix AS UnitCodePrefix,
        event_kinds AS EventKinds, channel AS Channel, url AS Url, secret AS Secret, enabled AS Enabled,
        created_at_ms AS CreatedAtMs, updated_at_ms AS UpdatedAtMs, updated_by AS UpdatedBy
        """;

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = default!;
        public string? Categories { get; set; }
        public string? Grades { get; set; }
        public string? Tiers { get; set; }
        public string? UnitCodePrefix { get; set; }
        public string EventKinds { get; set; } = default!;
        public string Channel { get; set; } = default!;
        public string Url { get; set; } = default!;
        public string? Secret { get; set; }
        public short Enabled { get; set; }
        public long CreatedAtMs { get; set; }
        public long UpdatedAtMs { get; set; }
        public string UpdatedBy { get; set; } = default!;

        public NoticeSubscription ToSubscription() => new(Id, Name, List<Contracts.Category>(Categories), List<Contracts.Grade>(Grades),
            List<Contracts.Tier>(Tiers), UnitCodePrefix, List<NoticeKind>(EventKinds), Parse<NoticeChannel>(Channel), Url, Secret, Enabled != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs), UpdatedBy);
    }

    private static IReadOnlyList<T> List<T>(string? codes) where T : struct, Enum =>
        string.IsNullOrEmpty(codes) ? [] : codes.Split(',').Select(Parse<T>).ToList();

    private static T Parse<T>(string code) where T : struct, Enum =>
        Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Stored {typeof(T).Name} '{code}' is unknown");

    private static string? Join<T>(IReadOnlyList<T> values) where T : struct, Enum =>
        values.Count == 0 ? null : string.Join(',', values.Select(Codes.Of));

    private static object Parameters(NoticeSubscription s) => new
    {
        s.Id, s.Name, Categories = Join(s.Categories), Grades = Join(s.Grades), Tiers = Join(s.Tiers), s.UnitCodePrefix,
        EventKinds = Join(s.Events), Channel = Codes.Of(s.Channel), s.Url, s.Secret, Enabled = (short)(s.Enabled ? 1 : 0),
        CreatedAtMs = s.CreatedAt.ToUnixTimeMilliseconds(), UpdatedAtMs = s.UpdatedAt.ToUnixTimeMilliseconds(), s.UpdatedBy,
    };

    public static Task InsertAsync(UnitOfWork uow, NoticeSubscription s) => uow.ExecuteAsync("""
        INSERT INTO notice_subscriptions (id, name, categories, grades, tiers, unit_code_prefix, event_kinds, channel, url, secret, enabled,
            created_at_ms, updated_at_ms, updated_by)
        VALUES (@Id, @Name, @Categories, @Grades, @Tiers, @UnitCodePrefix, @EventKinds, @Channel, @Url, @Secret, @Enabled,
            @CreatedAtMs, @UpdatedAtMs, @UpdatedBy)
        """, Parameters(s));

    public static Task UpdateAsync(UnitOfWork uow, NoticeSubscription s) => uow.ExecuteAsync("""
        UPDATE notice_subscriptions SET name = @Name, categories = @Categories, grades = @Grades, tiers = @Tiers,
            unit_code_prefix = @UnitCodePrefix, event_kinds = @EventKinds, channel = @Channel, url = @Url, secret = @Secret,
            enabled = @Enabled, updated_at_ms = @UpdatedAtMs, updated_by = @UpdatedBy
        WHERE id = @Id
        """, Parameters(s));

    /// <summary>Deletes a rule and what it had not delivered yet; what it did deliver stays on record.</summary>
    public static async Task<bool> DeleteAsync(UnitOfWork uow, Guid id)
    {
        await uow.ExecuteAsync("DELETE FROM notice_deliveries WHERE subscription_id = @id AND status <> 'sent'", new { id });
        return await uow.ExecuteAsync("DELETE FROM notice_subscriptions WHERE id = @id", new { id }) == 1;
    }

    public static async Task<NoticeSubscription?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM notice_subscriptions WHERE id = @id", new { id }))?.ToSubscription();

    public static async Task<IReadOnlyList<NoticeSubscription>> AllAsync(DbSession session) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM notice_subscriptions ORDER BY name, id")).Select(r => r.ToSubscription()).ToList();

    /// <summary>The rules a notice is matched against. A county has dozens, not thousands: all are read.</summary>
    public static async Task<IReadOnlyList<NoticeSubscription>> EnabledAsync(DbSession session) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM notice_subscriptions WHERE enabled = 1")).Select(r => r.ToSubscription()).ToList();

    /// <summary>
    /// Whether an enabled rule wants any of these kinds, answered by the database without reading the
    /// rules. event_kinds is a comma-separated list of codes (no spaces, no LIKE wildcards in them), so a
    /// kind is in it when it is the whole list, or at its start, in its middle or at its end.
    /// </summary>
    public static async Task<bool> AnyEnabledForAsync(DbSession session, IReadOnlyList<NoticeKind> kinds)
    {
        var args = new DynamicParameters();
        var matches = new List<string>();
        for (var i = 0; i < kinds.Count; i++)
        {
            var code = Codes.Of(kinds[i]);
            args.Add($"k{i}", code);
            args.Add($"k{i}s", code + ",%");
            args.Add($"k{i}m", "%," + code + ",%");
            args.Add($"k{i}e", "%," + code);
            matches.Add($"event_kinds = @k{i} OR event_kinds LIKE @k{i}s OR event_kinds LIKE @k{i}m OR event_kinds LIKE @k{i}e");
        }
        if (matches.Count == 0) return false;
        return await session.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM notice_subscriptions WHERE enabled = 1 AND ({string.Join(" OR ", matches)})", args) > 0;
    }
}
