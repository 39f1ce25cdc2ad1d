using Governance.Infrastructure.Webhooks;

namespace Governance.Incidents.Data;

/// <summary>A text message on its way, as the county administrator's list shows it: the number masked, no link.</summary>
public sealed record SmsDelivery(Guid Id, Guid IncidentId, string Purpose, string? PhoneMasked, DeliveryState State);

/// <summary>
/// The SQL of the service's text messages (sms_deliveries, migration 0016), sent by the shared
/// <see cref="DeliveryQueue"/> machinery through the SMS gateway. The subject is what the message is about
/// (a return visit); the number and the link are read and made when it is sent.
/// </summary>
public static class SmsDeliveryStore
{
    public const string ReturnVisit = "return-visit";

    public static readonly DeliveryTable Table = new("sms_deliveries", "subject_id", "purpose");

    public static Task QueueAsync(UnitOfWork uow, Guid subjectId, Guid incidentId, string purpose) => uow.ExecuteAsync($"""
        INSERT INTO sms_deliveries (id, subject_id, incident_id, purpose, {DeliveryQueue.NewColumns})
        VALUES (@Id, @subjectId, @incidentId, @purpose, {DeliveryQueue.NewValues})
        """, new { Id = Guid.CreateVersion7(), subjectId, incidentId, purpose, Now = DeliveryQueue.Ms(uow.Now) });

    private sealed class ViewRow : DeliveryStateRow
    {
        public Guid IncidentId { get; set; }
        public string Purpose { get; set; } = default!;
        public string? CallerMasked { get; set; }

        public SmsDelivery ToDelivery() => new(Id, IncidentId, Purpose,
            CallerMasked is null ? null : System.Text.Json.JsonSerializer.Deserialize<Model.CallerContact>(CallerMasked)?.Phone, State);
    }

    // The masked number comes from the masked contact: the list never opens a sealed one.
    private static readonly string ViewSelect = $"""
        SELECT {DeliveryQueue.StateColumns("d")}, d.incident_id AS IncidentId, d.purpose AS Purpose, r.caller_masked AS CallerMasked
        FROM sms_deliveries d LEFT JOIN open311_requests r ON r.incident_id = d.incident_id
        """;

    /// <summary>Newest first, optionally of one status.</summary>
    public static async Task<IReadOnlyList<SmsDelivery>> ListAsync(DbSession session, string? status, int limit) =>
        (await session.QueryAsync<ViewRow>($"""
            {ViewSelect} {(status is null ? "" : "WHERE d.status = @status")}
            ORDER BY d.created_at_ms DESC {Sql.Page(session.Provider, limit)}
            """, new { status })).Select(r => r.ToDelivery()).ToList();

    public static async Task<SmsDelivery?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<ViewRow>($"{ViewSelect} WHERE d.id = @id", new { id }))?.ToDelivery();
}
