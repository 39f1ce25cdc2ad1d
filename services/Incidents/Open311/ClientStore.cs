namespace Governance.Incidents.Open311;

/// <summary>A client system allowed to file through Open311.</summary>
/// <param name="MayReadDetails">Its key reads requests whole (description, address, exact place, media) in
/// GET requests; without it, or without a key, only the public fields (the county administrator sets it).</param>
/// <param name="CallbackUrl">Where its cases' status changes are posted (issue #14); its secret is never shown.</param>
public sealed record Open311Client(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, bool MayReadDetails = false,
    string? CallbackUrl = null);

/// <summary>Where and with what a client system's callbacks are sent: the secret still sealed.</summary>
public sealed record CallbackTarget(Guid Id, string Name, string Url, string SealedSecret);

/// <summary>The client system a valid key belongs to.</summary>
public sealed record ActiveClient(string Name, bool MayReadDetails);

/// <summary>The SQL of open311_clients.</summary>
public static class ClientStore
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = default!;
        public long CreatedAtMs { get; init; }
        public long? RevokedAtMs { get; init; }
        public int MayReadDetails { get; init; }
        public string? CallbackUrl { get; init; }

        public Open311Client ToClient() => new(Id, Name, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
            RevokedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, MayReadDetails != 0, CallbackUrl);
    }

    private const string Columns =
        "id AS Id, name AS Name, created_at_ms AS CreatedAtMs, revoked_at_ms AS RevokedAtMs, may_read_details AS MayReadDetails, callback_url AS CallbackUrl";

    public static Task InsertAsync(UnitOfWork uow, Open311Client client, string keyHash) => uow.ExecuteAsync("""
        INSERT INTO open311_clients (id, name, key_hash, created_at_ms, revoked_at_ms, may_read_details)
        VALUES (@Id, @Name, @KeyHash, @CreatedAtMs, NULL, @MayReadDetails)
        """, new
    {
        client.Id, client.Name, KeyHash = keyHash, CreatedAtMs = client.CreatedAt.ToUnixTimeMilliseconds(), MayReadDetails = client.MayReadDetails ? 1 : 0,
    });

    public static async Task<ActiveClient?> ActiveAsync(DbSession session, string keyHash) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM open311_clients WHERE key_hash = @keyHash AND revoked_at_ms IS NULL",
            new { keyHash })) is { } row ? new ActiveClient(row.Name, row.MayReadDetails != 0) : null;

    public static Task SetMayReadDetailsAsync(UnitOfWork uow, Guid id, bool mayReadDetails) => uow.ExecuteAsync(
        "UPDATE open311_clients SET may_read_details = @value WHERE id = @id", new { id, value = mayReadDetails ? 1 : 0 });

    public static async Task<bool> ActiveNameExistsAsync(DbSession session, string name) =>
        await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM open311_clients WHERE name = @name AND revoked_at_ms IS NULL", new { name }) > 0;

    public static async Task<Open311Client?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM open311_clients WHERE id = @id",
            new { id }))?.ToClient();

    public static async Task<IReadOnlyList<Open311Client>> ListAsync(DbSession session) =>
        (await session.QueryAsync<Row>(
            $"SELECT {Columns} FROM open311_clients ORDER BY created_at_ms, id"))
        .Select(r => r.ToClient()).ToList();

    public static Task RevokeAsync(UnitOfWork uow, Guid id, DateTimeOffset at) => uow.ExecuteAsync(
        "UPDATE open311_clients SET revoked_at_ms = @AtMs WHERE id = @id AND revoked_at_ms IS NULL",
        new { id, AtMs = at.ToUnixTimeMilliseconds() });

    /// <summary>Sets (or, with nulls, removes) the client's callback; the secret comes sealed.</summary>
    public static Task SetCallbackAsync(UnitOfWork uow, Guid id, string? url, string? sealedSecret) => uow.ExecuteAsync(
        "UPDATE open311_clients SET callback_url = @url, callback_secret = @sealedSecret WHERE id = @id", new { id, url, sealedSecret });

    /// <summary>The active clients among <paramref name="ids"/> that have a callback.</summary>
    public static async Task<IReadOnlyList<CallbackTarget>> CallbackTargetsAsync(DbSession session, IReadOnlyCollection<Guid> ids)
    {
        var args = new Dapper.DynamicParameters();
        return (await session.QueryAsync<TargetRow>($"""
            SELECT id AS Id, name AS Name, callback_url AS Url, callback_secret AS SealedSecret FROM open311_clients
            WHERE {SqlList.In("id", "Id", ids, args)} AND revoked_at_ms IS NULL AND callback_url IS NOT NULL AND callback_secret IS NOT NULL
            """, args)).Select(r => new CallbackTarget(r.Id, r.Name, r.Url, r.SealedSecret)).ToList();
    }

    private sealed class TargetRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = default!;
        public string Url { get; init; } = default!;
        public string SealedSecret { get; init; } = default!;
    }
}
