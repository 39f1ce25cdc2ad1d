using System.Text.Json;
using Governance.Infrastructure.Webhooks;

namespace Governance.Dispatch.Notices;

/// <summary>A notice on its way to one subscription, as the API shows it.</summary>
public sealed record Delivery(
    Guid Id, Guid SubscriptionId, string? SubscriptionName, NoticeChannel? Channel, Guid IncidentId, NoticeKind Kind, string Title,
    string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? FailedAt);

/// <summary>A delivery a sender holds: what it needs to send it.</summary>
public sealed record ClaimedDelivery(Guid Id, Guid SubscriptionId, Notice Notice, int Attempts);

/// <summary>The SQL of notice deliveries: queued in the consumer's transaction with their own columns;
/// claimed, settled and retried by the shared <see cref="DeliveryQueue"/>.</summary>
public static class DeliveryStore
{
    /// <summary>Notices' queue: one row per notice and subscription (migration 0003).</summary>
    public static readonly DeliveryTable Table = new("notice_deliveries", "subscription_id", "notice");

    public static string Serialize(Notice notice) => JsonSerializer.Serialize(notice, NoticeFormatter.Json);
    public static Notice Deserialize(string json) => JsonSerializer.Deserialize<Notice>(json, NoticeFormatter.Json)
        ?? throw new InvalidOperationException("A stored notice is empty");

    /// <summary>Queues the notice for each subscription, unless that subscription already has it
    /// (same event key); returns how many were queued.</summary>
    public static async Task<int> QueueAsync(UnitOfWork uow,
        IEnumerable<NoticeSubscription> subscriptions, Notice notice, DateTimeOffset now)
    {
        var sql = Sql.InsertIfAbsent(uow.Provider, "notice_deliveries",
            $"id, subscription_id, event_key, incident_id, kind, notice, {DeliveryQueue.NewColumns}",
            $"@Id, @SubscriptionId, @EventKey, @IncidentId, @Kind, @Notice, {DeliveryQueue.NewValues}",
            "event_key, subscription_id", "event_key = @EventKey AND subscription_id = @SubscriptionId");
        var key = NoticeRouting.EventKey(notice);
        var json = Serialize(notice);
        var queued = 0;
        foreach (var subscription in subscriptions)
            queued += await uow.ExecuteAsync(sql, new
            {
                Id = Guid.CreateVersion7(), SubscriptionId = subscription.Id, EventKey = key, notice.IncidentId,
                Kind = Codes.Of(notice.Kind), Notice = json, Now = DeliveryQueue.Ms(now),
            });
        return queued;
    }

    /// <summary>Takes due deliveries for a sender (see <see cref="DeliveryQueue.ClaimAsync"/>).</summary>
    public static async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(UnitOfWork uow,
        DateTimeOffset now, DateTimeOffset holdUntil, int limit) =>
        (await DeliveryQueue.ClaimAsync(uow, Table, now, holdUntil, limit))
        .Select(d => new ClaimedDelivery(d.Id, d.TargetId, Deserialize(d.Payload), d.Attempts)).ToList();

    public static Task SettleAsync(UnitOfWork uow, Guid id, int attemptsMade, AttemptResult last,
        DateTimeOffset now, bool giveUp, DateTimeOffset nextAttempt) =>
        DeliveryQueue.SettleAsync(uow, Table, id, attemptsMade, last, now, giveUp, nextAttempt);

    /// <summary>See <see cref="DeliveryQueue.RetryAsync"/>.</summary>
    public static Task<bool?> RetryAsync(UnitOfWork uow, Guid id, DateTimeOffset now) => DeliveryQueue.RetryAsync(uow, Table, id, now);

    public static Task<int> DeleteSentBeforeAsync(UnitOfWork uow, DateTimeOffset cutoff) => DeliveryQueue.DeleteSentBeforeAsync(uow, Table, cutoff);

    private sealed class ViewRow : DeliveryStateRow
    {
        public Guid SubscriptionId { get; set; }
        public string? SubscriptionName { get; set; }
        public string? Channel { get; set; }
        public string Notice { get; set; } = default!;

        public Delivery ToDelivery()
        {
            var notice = Deserialize(Notice);
            NoticeChannel? channel = Codes.TryParse<NoticeChannel>(Channel, out var c) ? c : null;
            var state = State;
            return new(Id, SubscriptionId, SubscriptionName, channel, notice.IncidentId, notice.Kind, NoticeFormatter.Headline(notice), state.Status,
                state.Attempts, state.LastStatusCode, state.LastError, state.CreatedAt, state.LastAttemptAt, state.NextAttemptAt, state.SentAt, state.FailedAt);
        }
    }

    private static readonly string ViewColumns =
        $"{DeliveryQueue.StateColumns("d")}, d.subscription_id AS SubscriptionId, s.name AS SubscriptionName, s.channel AS Channel, d.notice AS Notice";

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
