using System.Text.Json;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Hosting;

namespace Governance.Dispatch.Notices;

/// <summary>A notice on its way to one subscription, as the API shows it.</summary>
public sealed record Delivery(
    Guid Id, Guid SubscriptionId, string? SubscriptionName, NoticeChannel? Channel, Guid IncidentId, NoticeKind Kind, string Title,
    string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? FailedAt);

/// <summary>A delivery a sender holds: what it needs to send it.</summary>
public sealed record ClaimedDelivery(Guid Id, Guid SubscriptionId, Notice Notice, int Attempts);

/// <summary>The SQL of notice deliveries: queued in the consumer's transaction, claimed and settled by the sender.</summary>
public static class DeliveryStore
{
    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    public static string Serialize(Notice notice) => JsonSerializer.Serialize(notice, NoticeFormatter.Json);
    public static Notice Deserialize(string json) => JsonSerializer.Deserialize<Notice>(json, NoticeFormatter.Json)
        ?? throw new InvalidOperationException("A stored notice is empty");

    /// <summary>Queues the notice for each subscription, unless that subscription already has it
    /// (same event key); returns how many were queued.</summary>
    public static async Task<int> QueueAsync(UnitOfWork uow,
        IEnumerable<NoticeSubscription> subscriptions, Notice notice, DateTimeOffset now)
    {
        var sql = Sql.InsertIfAbsent(uow.Provider, "notice_deliveries",
            "id, subscription_id, event_key, incident_id, kind, notice, status, attempts, next_attempt_at_ms, created_at_ms",
            "@Id, @SubscriptionId, @EventKey, @IncidentId, @Kind, @Notice, 'pending', 0, @Now, @Now",
            "event_key, subscription_id", "event_key = @EventKey AND subscription_id = @SubscriptionId");
        var key = NoticeRouting.EventKey(notice);
        var json = Serialize(notice);
        var queued = 0;
        foreach (var subscription in subscriptions)
            queued += await uow.ExecuteAsync(sql, new
            {
                Id = Guid.CreateVersion7(), SubscriptionId = subscription.Id, EventKey = key, notice.IncidentId,
                Kind = Codes.Of(notice.Kind), Notice = json, Now = Ms(now),
            });
        return queued;
    }

    private sealed class ClaimRow
    {
        public Guid Id { get; set; }
        public Guid SubscriptionId { get; set; }
        public string Notice { get; set; } = default!;
        public int Attempts { get; set; }
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> due deliveries and moves their due time to
    /// <paramref name="holdUntil"/>, in one short transaction: another sender skips them while this
    /// one sends (no transaction stays open across HTTP calls), and takes them over only if this one
    /// died without settling them.
    /// </summary>
    public static async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(UnitOfWork uow,
        DateTimeOffset now, DateTimeOffset holdUntil, int limit)
    {
        var sql = Sql.ClaimRows(uow.Provider, "id AS Id, subscription_id AS SubscriptionId, notice AS Notice, attempts AS Attempts",
            "notice_deliveries", "status = 'pending' AND next_attempt_at_ms <= @Now", "next_attempt_at_ms, id", limit);
        var rows = (await uow.QueryAsync<ClaimRow>(sql, new { Now = Ms(now) })).ToList();
        await uow.ExecuteAsync("UPDATE notice_deliveries SET next_attempt_at_ms = @Until WHERE id = @Id",
            rows.Select(r => new { r.Id, Until = Ms(holdUntil) }));
        return rows.Select(r => new ClaimedDelivery(r.Id, r.SubscriptionId, Deserialize(r.Notice), r.Attempts)).ToList();
    }

    /// <summary>Records a send: delivered, failed for good, or pending again from <paramref name="nextAttempt"/>.</summary>
    public static Task SettleAsync(UnitOfWork uow, Guid id, int attemptsMade, AttemptResult last,
        DateTimeOffset now, bool giveUp, DateTimeOffset nextAttempt)
    {
        var status = last.Delivered ? DeliveryStatus.Sent : giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        return uow.ExecuteAsync("""
            UPDATE notice_deliveries SET status = @Status, attempts = attempts + @AttemptsMade, last_attempt_at_ms = @Now,
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
    /// delivery; false: it is not failed (pending ones are queued already, sent ones arrived).</summary>
    public static async Task<bool?> RetryAsync(UnitOfWork uow, Guid id, DateTimeOffset now)
    {
        var status = await uow.QuerySingleOrDefaultAsync<string>("SELECT status FROM notice_deliveries WHERE id = @id", new { id });
        if (status is null) return null;
        if (status != DeliveryStatus.Failed) return false;
        await uow.ExecuteAsync("""
            UPDATE notice_deliveries SET status = 'pending', attempts = 0, next_attempt_at_ms = @Now, failed_at_ms = NULL
            WHERE id = @id AND status = 'failed'
            """, new { id, Now = Ms(now) });
        return true;
    }

    public static Task<int> DeleteSentBeforeAsync(UnitOfWork uow, DateTimeOffset cutoff) =>
        uow.ExecuteAsync("DELETE FROM notice_deliveries WHERE status = 'sent' AND sent_at_ms < @Cutoff", new { Cutoff = Ms(cutoff) });

    private sealed class ViewRow
    {
        public Guid Id { get; set; }
        public Guid SubscriptionId { get; set; }
        public string? SubscriptionName { get; set; }
        public string? Channel { get; set; }
        public string Notice { get; set; } = default!;
        public string Status { get; set; } = default!;
        public int Attempts { get; set; }
        public int? LastStatusCode { get; set; }
        public string? LastError { get; set; }
        public long CreatedAtMs { get; set; }
        public long? LastAttemptAtMs { get; set; }
        public long? NextAttemptAtMs { get; set; }
        public long? SentAtMs { get; set; }
        public long? FailedAtMs { get; set; }

        public Delivery ToDelivery()
        {
            var notice = Deserialize(Notice);
            NoticeChannel? channel = Codes.TryParse<NoticeChannel>(Channel, out var c) ? c : null;
            return new(Id, SubscriptionId, SubscriptionName, channel, notice.IncidentId, notice.Kind, NoticeFormatter.Headline(notice), Status,
                Attempts, LastStatusCode, LastError, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), Time(LastAttemptAtMs),
                Status == DeliveryStatus.Pending ? Time(NextAttemptAtMs) : null, Time(SentAtMs), Time(FailedAtMs));
        }
    }

    private const string ViewColumns = """
        d.id AS Id, d.subscription_id AS SubscriptionId, s.name AS SubscriptionName, s.channel AS Channel, d.notice AS Notice,
        d.status AS Status, d.attempts AS Attempts, d.last_status_code AS LastStatusCode, d.last_error AS LastError,
        d.created_at_ms AS CreatedAtMs, d.last_attempt_at_ms AS LastAttemptAtMs, d.next_attempt_at_ms AS NextAttemptAtMs,
        d.sent_at_ms AS SentAtMs, d.failed_at_ms AS FailedAtMs
        """;

    /// <summary>The newest deliveries first, optionally of one status or one subscription.</summary>
    public static async Task<IReadOnlyList<Delivery>> ListAsync(DbSession session, string? status, Guid? subscriptionId, int limit)
    {
        var where = new List<string>();
        if (status is not null) where.Add("d.status = @status");
        if (subscriptionId is not null) where.Add("d.subscription_id = @subscriptionId");
        var sql = $"""
            SELECT {ViewColumns} FROM notice_deliveries d LEFT JOIN notice_subscriptions s ON s.id = d.subscription_id
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY d.created_at_ms DESC, d.id DESC {Sql.Page(session.Provider, limit)}
            """;
        return (await session.QueryAsync<ViewRow>(sql, new { status, subscriptionId })).Select(r => r.ToDelivery()).ToList();
    }

    public static async Task<Delivery?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<ViewRow>(
            $"SELECT {ViewColumns} FROM notice_deliveries d LEFT JOIN notice_subscriptions s ON s.id = d.subscription_id WHERE d.id = @id",
            new { id }))?.ToDelivery();
}
