using System.Text.Json;
using Dapper;
using Governance.Infrastructure.Security;

namespace Governance.Incidents.Open311;

/// <summary>A case filed through Open311, with what the spec shows of it.</summary>
public sealed record ServiceRequestRecord(
    Guid Id, Category Category, string Description, IncidentStatus Status, Tier? Tier, string? HandlingUnitCode,
    DateTimeOffset? DueAt, DateTimeOffset? FlaggedOverdueAt, double? Lat, double? Lng,
    DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt, string? Address, string? MediaUrl);

/// <summary>What a request carries beyond the case: the client system, the place as the caller
/// described it, a media link, and the reporter's contact (kept for the call-back, sealed, never published).</summary>
public sealed record ServiceRequestExtras(
    string ClientName, string? AddressString, string? MediaUrl, string? AccountId, string? DeviceId,
    string? Email, string? FirstName, string? LastName, string? Phone);

/// <summary>GET requests' filters, already checked. Ids, when given, override the others (the spec says so).</summary>
public sealed record ServiceRequestQuery(
    IReadOnlyList<Guid> Ids, IReadOnlyList<Category> Categories, IReadOnlyList<IncidentStatus> Statuses,
    DateTimeOffset? From, DateTimeOffset? To, int Limit);

/// <summary>
/// The SQL of open311_requests, read together with the case it belongs to (same service, same
/// database). Only cases filed through Open311 are published: a grid worker's report of a family
/// dispute is not the public's business, nor a resident's filing from his courtyard's QR page (client
/// "courtyard:qr", ResidentFilingNames): no resident sees another's.
/// </summary>
public static class ServiceRequestStore
{
    private const string Select = """
        SELECT i.id AS Id, i.category AS Category, i.description AS Description, i.status AS Status, i.tier AS Tier,
            i.handling_unit_code AS HandlingUnitCode, i.due_at_ms AS DueAtMs, i.flagged_overdue_at_ms AS FlaggedOverdueAtMs,
            i.lat AS Lat, i.lng AS Lng, r.requested_at_ms AS RequestedAtMs, i.updated_at_ms AS UpdatedAtMs,
            r.address_string AS Address, r.media_url AS MediaUrl
        FROM open311_requests r JOIN incidents i ON i.id = r.incident_id AND r.client_name <> 'courtyard:qr'
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Category { get; init; } = default!;
        public string Description { get; init; } = default!;
        public string Status { get; init; } = default!;
        public string? Tier { get; init; }
        public string? HandlingUnitCode { get; init; }
        public long? DueAtMs { get; init; }
        public long? FlaggedOverdueAtMs { get; init; }
        public double? Lat { get; init; }
        public double? Lng { get; init; }
        public long RequestedAtMs { get; init; }
        public long UpdatedAtMs { get; init; }
        public string? Address { get; init; }
        public string? MediaUrl { get; init; }

        public ServiceRequestRecord ToRecord() => new(Id, Parse<Category>(Category), Description, Parse<IncidentStatus>(Status),
            Tier is null ? null : Parse<Tier>(Tier), HandlingUnitCode, Time(DueAtMs), Time(FlaggedOverdueAtMs), Lat, Lng,
            DateTimeOffset.FromUnixTimeMilliseconds(RequestedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs), Address, MediaUrl);
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static T Parse<T>(string code) where T : struct, Enum =>
        Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Stored {typeof(T).Name} '{code}' is unknown");

    /// <summary>Stores the request's extras; the caller's contact goes in sealed (bound to the case), the
    /// plain contact columns stay empty. The client system hears of the new case at its callback, if it has one:
    /// the case's first status change (later ones are queued where the case is written, IncidentStore).</summary>
    public static async Task InsertAsync(UnitOfWork uow, Guid incidentId, DateTimeOffset requestedAt, ServiceRequestExtras e,
        PersonalDataSealer sealer)
    {
        var caller = CallerContact.Of(e.FirstName, e.LastName, e.Phone, e.Email);
        await uow.ExecuteAsync("""
            INSERT INTO open311_requests (incident_id, client_name, requested_at_ms, address_string, media_url, account_id, device_id,
                caller_sealed, caller_masked)
            VALUES (@IncidentId, @ClientName, @RequestedAtMs, @AddressString, @MediaUrl, @AccountId, @DeviceId, @CallerSealed, @CallerMasked)
            """, new
        {
            IncidentId = incidentId, e.ClientName, RequestedAtMs = requestedAt.ToUnixTimeMilliseconds(), e.AddressString, e.MediaUrl,
            e.AccountId, e.DeviceId, CallerSealed = caller.IsEmpty ? null : sealer.Seal(JsonSerializer.Serialize(caller), incidentId.ToString()),
            CallerMasked = caller.IsEmpty ? null : JsonSerializer.Serialize(caller.Masked()),
        });
        if (await IncidentStore.PeekAsync(uow, incidentId) is { } incident) await CallbackStore.QueueAsync(uow, StatusChange.Of(incident, uow.Now));
    }

    public static async Task<ServiceRequestRecord?> FindAsync(DbSession session, Guid id) =>
        (await session.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE r.incident_id = @id", new { id }))?.ToRecord();

    /// <summary>Newest first, at most <see cref="ServiceRequestQuery.Limit"/>.</summary>
    public static async Task<IReadOnlyList<ServiceRequestRecord>> QueryAsync(DbSession session, ServiceRequestQuery q)
    {
        var args = new DynamicParameters();
        var where = new List<string>();
        if (q.Ids.Count > 0) where.Add(SqlList.In("r.incident_id", "Id", q.Ids, args));
        else
        {
            if (q.Categories.Count > 0) where.Add(SqlList.In("i.category", "Category", q.Categories.Select(Codes.Of).ToList(), args));
            if (q.Statuses.Count > 0) where.Add(SqlList.In("i.status", "Status", q.Statuses.Select(Codes.Of).ToList(), args));
            if (q.From is { } from)
            {
                where.Add("r.requested_at_ms >= @FromMs");
                args.Add("FromMs", from.ToUnixTimeMilliseconds());
            }
            if (q.To is { } to)
            {
                where.Add("r.requested_at_ms <= @ToMs");
                args.Add("ToMs", to.ToUnixTimeMilliseconds());
            }
        }
        var sql = $"""
            {Select}
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY r.requested_at_ms DESC, r.incident_id {Sql.Page(session.Provider, q.Limit)}
            """;
        var rows = await session.QueryAsync<Row>(sql, args);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The county (or counties) this deployment serves: the jurisdictions Open311 accepts.</summary>
    public static async Task<IReadOnlyList<string>> CountyCodesAsync(DbSession session) =>
        (await session.QueryAsync<string>("SELECT code FROM unit_copy WHERE level = @level ORDER BY code", new { level = (short)UnitLevel.County })).ToList();
}
