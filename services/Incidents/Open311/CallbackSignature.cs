using System.Security.Cryptography;
using System.Text.Json;
using Governance.Infrastructure.Webhooks;

namespace Governance.Incidents.Open311;

/// <summary>
/// What a client system's callback receives (docs/api.md, "Status callbacks"): a JSON body and two
/// headers. The signature is the hex HMAC-SHA256, keyed with the client's callback secret, of
/// "&lt;timestamp&gt;.&lt;raw body&gt;": the timestamp is signed with the body, so a receiver can refuse a replay
/// of an old callback by its age.
/// </summary>
public static class CallbackSignature
{
    public const string SignatureHeader = "X-Governance-Signature";
    public const string TimestampHeader = "X-Governance-Timestamp";

    /// <summary>"sha256=&lt;lower-case hex&gt;" of "&lt;timestamp&gt;.&lt;body&gt;".</summary>
    public static string Sign(string secret, long timestamp, string body) => WebhookSignature.Sign(secret, timestamp, body);

    /// <summary>A secret for a client that did not bring one: 32 random bytes as hex.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>What a sealed secret is bound to: copied into another client's row it does not open.</summary>
    public static string BoundTo(Guid clientId) => $"open311-callback:{clientId}";

    // Chinese notes as text, as the Open311 answers write them (Open311Writer), not as \u escapes.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The body. event_id is the delivery's id (the same on every retry: a receiver's idempotency key);
    /// sequence orders one case's callbacks; status is Open311's word, detailed_status ours.</summary>
    public static string Body(Guid eventId, StatusChange change) => JsonSerializer.Serialize(new Payload(
        eventId, change.IncidentId.ToString(), change.Sequence, Open311Status.Of(change.Status), Codes.Of(change.Status),
        Open311Status.Notes(change.Status, change.Tier, change.FlaggedOverdue), W3cDateTime.Format(change.At)), Json);

    private sealed record Payload(Guid EventId, string ServiceRequestId, int Sequence, string Status, string DetailedStatus,
        string StatusNotes, string UpdatedDatetime);
}
