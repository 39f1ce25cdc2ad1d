using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;

namespace Governance.Infrastructure.Webhooks;

/// <summary>
/// A service's table of HTTP deliveries. Each service keeps its own (in its own migrations, with the
/// columns its deliveries need besides), and every such table has the queue's columns:
/// id, status, attempts, next_attempt_at_ms, last_attempt_at_ms, last_status_code, last_error,
/// created_at_ms, sent_at_ms, failed_at_ms, plus the receiver's id and the stored payload.
/// </summary>
/// <param name="Name">The table.</param>
/// <param name="TargetColumn">The receiver's id (a subscription, a client system).</param>
/// <param name="PayloadColumn">What is sent, as stored when queued.</param>
/// <param name="ClaimOrder">The order due rows are claimed in (and sent in, where a sender keeps an order).</param>
public sealed record DeliveryTable(string Name, string TargetColumn, string PayloadColumn, string ClaimOrder = "next_attempt_at_ms, id");

/// <summary>A delivery a sender holds: what it needs to send it.</summary>
public sealed record QueuedDelivery(Guid Id, Guid TargetId, string Payload, int Attempts);

/// <summary>
/// The SQL every delivery queue shares: queued in the change's transaction (by the service, with its
/// own columns), claimed and settled by the sender, retried by a person, aged out once sent.
/// </summary>
public static class DeliveryQueue
{
    /// <summary>The queue's columns of a new row, and their values (@Now bound to the queueing time in ms).</summary>
    public const string NewColumns = "status, attempts, next_attempt_at_ms, created_at_ms";
    public const string NewValues = "'pending', 0, @Now, @Now";

    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private sealed class ClaimRow
    {
        public Guid Id { get; set; }
        public Guid TargetId { get; set; }
        public string Payload { get; set; } = default!;
        public int Attempts { get; set; }
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> due deliveries and moves their due time to
    /// <paramref name="holdUntil"/>, in one short transaction: another sender skips them while this
    /// one sends (no transaction stays open across HTTP calls), and takes them over only if this one
    /// died without settling them.
    /// </summary>
    public static async Task<IReadOnlyList<QueuedDelivery>> ClaimAsync(UnitOfWork uow, DeliveryTable table,
        DateTimeOffset now, DateTimeOffset holdUntil, int limit)
    {
        var sql = Sql.ClaimRows(uow.Provider, $"id AS Id, {table.TargetColumn} AS TargetId, {table.PayloadColumn} AS Payload, attempts AS Attempts",
            table.Name, "status = 'pending' AND next_attempt_at_ms <= @Now", table.ClaimOrder, limit);
        var rows = (await uow.QueryAsync<ClaimRow>(sql, new { Now = Ms(now) })).ToList();
        await uow.ExecuteAsync($"UPDATE {table.Name} SET next_attempt_at_ms = @Until WHERE id = @Id",
            rows.Select(r => new { r.Id, Until = Ms(holdUntil) }));
        return rows.Select(r => new QueuedDelivery(r.Id, r.TargetId, r.Payload, r.Attempts)).ToList();
    }

    /// <summary>Records a send: delivered, failed for good, or pending again from <paramref name="nextAttempt"/>.</summary>
    public static Task SettleAsync(UnitOfWork uow, DeliveryTable table, Guid id, int attemptsMade, AttemptResult last,
        DateTimeOffset now, bool giveUp, DateTimeOffset nextAttempt)
    {
        var status = last.Delivered ? DeliveryStatus.Sent : giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        return uow.ExecuteAsync($"""
            UPDATE {table.Name} SET status = @Status, attempts = attempts + @AttemptsMade, last_attempt_at_ms = @Now,
                last_status_code = @StatusCode, last_error = @Error, next_attempt_at_ms = @Next, sent_at_ms = @SentAt, failed_at_ms = @FailedAt
            WHERE id = @Id AND status = 'pending'
            """, new
        {
            Id = id, Status = status, AttemptsMade = attemptsMade, Now = Ms(now), last.StatusCode, last.Error,
            Next = status == DeliveryStatus.Pending ? Ms(nextAttempt) : (long?)null,
            SentAt = last.Delivered ? Ms(now) : (long?)null,
            FailedAt = status == DeliveryStatus.Failed ? Ms(now) : (long?)null,
        });
    }

    /// <summary>Puts a failed delivery back in the queue with a fresh set of attempts. Null: no such
    /// delivery (of this receiver, when <paramref name="targetId"/> is given); false: it is not failed
    /// (pending ones are queued already, sent ones arrived).</summary>
    public static async Task<bool?> RetryAsync(UnitOfWork uow, DeliveryTable table, Guid id, DateTimeOffset now, Guid? targetId = null)
    {
        var status = await uow.QuerySingleOrDefaultAsync<string>(
            $"SELECT status FROM {table.Name} WHERE id = @id{(targetId is null ? "" : $" AND {table.TargetColumn} = @targetId")}", new { id, targetId });
        if (status is null) return null;
        if (status != DeliveryStatus.Failed) return false;
        await uow.ExecuteAsync($"""
            UPDATE {table.Name} SET status = 'pending', attempts = 0, next_attempt_at_ms = @Now, failed_at_ms = NULL
            WHERE id = @id AND status = 'failed'
            """, new { id, Now = Ms(now) });
        return true;
    }

    public static Task<int> DeleteSentBeforeAsync(UnitOfWork uow, DeliveryTable table, DateTimeOffset cutoff) =>
        uow.ExecuteAsync($"DELETE FROM {table.Name} WHERE status = 'sent' AND sent_at_ms < @Cutoff", new { Cutoff = Ms(cutoff) });

    /// <summary>The queue's columns for a list, named as <see cref="DeliveryStateRow"/> reads them.</summary>
    public static string StateColumns(string alias) => $"""
        {alias}.id AS Id, {alias}.status AS Status, {alias}.attempts AS Attempts, {alias}.last_status_code AS LastStatusCode,
        {alias}.last_error AS LastError, {alias}.created_at_ms AS CreatedAtMs, {alias}.last_attempt_at_ms AS LastAttemptAtMs,
        {alias}.next_attempt_at_ms AS NextAttemptAtMs, {alias}.sent_at_ms AS SentAtMs, {alias}.failed_at_ms AS FailedAtMs
        """;
}

/// <summary>Where a delivery stands, as a deliveries list shows it.</summary>
public sealed record DeliveryState(string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? FailedAt);

/// <summary>A listed delivery row's queue columns (<see cref="DeliveryQueue.StateColumns"/>); a service's row adds its own.</summary>
public class DeliveryStateRow
{
    public Guid Id { get; set; }
    public string Status { get; set; } = default!;
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public long CreatedAtMs { get; set; }
    public long? LastAttemptAtMs { get; set; }
    public long? NextAttemptAtMs { get; set; }
    public long? SentAtMs { get; set; }
    public long? FailedAtMs { get; set; }

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    /// <summary>The due time only of a pending delivery: a sent or failed one is due never.</summary>
    public DeliveryState State => new(Status, Attempts, LastStatusCode, LastError, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
        Time(LastAttemptAtMs), Status == DeliveryStatus.Pending ? Time(NextAttemptAtMs) : null, Time(SentAtMs), Time(FailedAtMs));
}
