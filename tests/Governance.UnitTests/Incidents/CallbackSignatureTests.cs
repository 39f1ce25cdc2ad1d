using System.Text.Json;
using Governance.Contracts;
using Governance.Incidents.Model;
using Governance.Incidents.Open311;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>What a hotline's server checks: the signature over "timestamp.body", and the body's fields.</summary>
[TestFixture]
public class CallbackSignatureTests
{
    [Test]
    public void The_signature_is_hex_HMAC_SHA256_of_timestamp_dot_body()
    {
        // Computed independently (Python hmac/hashlib) for this secret, timestamp and body.
        Assert.That(CallbackSignature.Sign("hotline-secret-0123456789", 1772413500, """{"a":1}"""),
            Is.EqualTo("sha256=e0feeba90d9ea069467692b8b582f4309d4d7ed12b5eca41d3aab5eebb83a7ce"));
        Assert.That(CallbackSignature.Sign("hotline-secret-0123456789", 1772413501, """{"a":1}"""),
            Is.Not.EqualTo("sha256=e0feeba90d9ea069467692b8b582f4309d4d7ed12b5eca41d3aab5eebb83a7ce"), "the timestamp is signed");
    }

    [Test]
    public void The_body_carries_both_statuses_the_sequence_and_the_event_id()
    {
        var eventId = Guid.Parse("0193c5a0-0000-7000-8000-000000000001");
        var caseId = Guid.Parse("0193c5a0-0000-7000-8000-000000000002");
        var change = new StatusChange(caseId, IncidentStatus.Accepted, Tier.Village, false, new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.FromHours(8)), 3);
        const string expected = "{\"event_id\":\"0193c5a0-0000-7000-8000-000000000001\",\"service_request_id\":\"0193c5a0-0000-7000-8000-000000000002\","
            + "\"sequence\":3,\"status\":\"open\",\"detailed_status\":\"accepted\",\"status_notes\":\"村（社区）已签收，正在办理。\","
            + "\"updated_datetime\":\"2026-03-02T01:05:00Z\"}";
        Assert.That(CallbackSignature.Body(eventId, change), Is.EqualTo(expected));
        var closed = JsonDocument.Parse(CallbackSignature.Body(eventId, change with { Status = IncidentStatus.Closed })).RootElement;
        Assert.That((closed.GetProperty("status").GetString(), closed.GetProperty("status_notes").GetString()), Is.EqualTo(("closed", "已核查结案。")));
    }
}
