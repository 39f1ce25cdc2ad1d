using System.Text.Json;
using Governance.Infrastructure.Webhooks;

namespace Governance.Incidents.Data;

/// <summary>A status change on its way to a client system, as the admin API lists it.</summary>
public sealed record CallbackDelivery(Guid Id, Guid ClientId, Guid IncidentId, int Sequence, IncidentStatus CaseStatus, DeliveryState State);

/// <summary>
/// The SQL of Open311 status callbacks (migration 0014): queued with the change that caused them, for the
/// client system that filed the case, if it registered a callback URL; sent by the shared
/// <see cref="DeliveryQueue"/> machinery.
/// </summary>
public static class CallbackStore
{
    /// <summary>Claimed case by case, in sequence, so one case's changes leave in the order they happened.</summary>
    public static readonly DeliveryTable Table = new("open311_callback_deliveries", "client_id", "status_change",
        "next_attempt_at_ms, incident_id, case_sequence");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StatusChange Deserialize(string json) => JsonSerializer.Deserialize<StatusChange>(json, Json)
        ?? throw new InvalidOperationException("A stored status change is empty");

    /// <summary>Queues the change for the case's client system when it registered a callback (and its key
    /// is not revoked); numbers it with the case's next sequence number. Returns whether it was queued.</summary>
    public static async Task<bool> QueueAsync(UnitOfWork uow, StatusChange change)
    {
        var clientId = await uow.QuerySingleOrDefaultAsync<Guid?>("""
            SELECT c.id FROM open311_requests r JOIN open311_clients c ON c.name = r.client_name
            WHERE r.incident_id = @IncidentId AND c.revoked_at_ms IS NULL AND c.callback_url IS NOT NULL
            """, new { change.IncidentId });
        if (clientId is null) return false;
        await uow.ExecuteAsync("UPDATE open311_requests SET callback_sequence = callback_sequence + 1 WHERE incident_id = @IncidentId",
            new { change.IncidentId });
        var sequence = await uow.ExecuteScalarAsync<int>("SELECT callback_sequence FROM open311_requests WHERE incident_id = @IncidentId",
            new { change.IncidentId });
        await uow.ExecuteAsync($"""
            INSERT INTO open311_callback_deliveries (id, client_id, incident_id, case_sequence, status_change, {DeliveryQueue.NewColumns})
            VALUES (@Id, @ClientId, @IncidentId, @Sequence, @Change, {DeliveryQueue.NewValues})
            """, new
        {
            Id = Guid.CreateVersion7(), ClientId = clientId, change.IncidentId, Sequence = sequence,
            Change = JsonSerializer.Serialize(change with { Sequence = sequence }, Json), Now = DeliveryQueue.Ms(uow.Now),
        });
        return true;
    }

    private sealed class ViewRow : DeliveryStateRow
    {
        public Guid ClientId { get; set; }
        public Guid IncidentId { get; set; }
        public int Sequence { get; set; }
        public string Change { get; set; } = default!;

        public CallbackDelivery ToDelivery() => new(Id, ClientId, IncidentId, Sequence, Deserialize(Change).Status, State);
    }

    private static readonly string ViewColumns =
        $"{DeliveryQueue.StateColumns("d")}, d.client_id AS ClientId, d.incident_id AS IncidentId, d.case_sequence AS Sequence, d.status_change AS Change";

    /// <summary>A client's deliveries, newest first, optionally of one status.</summary>
    public static async Task<IReadOnlyList<CallbackDelivery>> ListAsync(DbSession session, Guid clientId, string? status, int limit) =>
        (await session.QueryAsync<ViewRow>($"""
            SELECT {ViewColumns} FROM open311_callback_deliveries d
            WHERE d.client_id = @clientId {(status is null ? "" : "AND d.status = @status")}
            ORDER BY d.created_at_ms DESC, d.case_sequence DESC {Sql.Page(session.Provider, limit)}
            """, new { clientId, status })).Select(r => r.ToDelivery()).ToList();

    public static async Task<CallbackDelivery?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<ViewRow>($"SELECT {ViewColumns} FROM open311_callback_deliveries d WHERE d.id = @id", new { id }))
        ?.ToDelivery();
}
