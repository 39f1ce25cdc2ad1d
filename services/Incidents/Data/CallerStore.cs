using System.Text.Json;
using Governance.Infrastructure.Security;

namespace Governance.Incidents.Data;

/// <summary>
/// The caller of a case filed through Open311 (the hotline, an app), as kept with its request
/// (open311_requests, migration 0012): sealed whole, masked beside it. Read by the holder's call
/// button, the case's view and the 回访 text message.
/// </summary>
public static class CallerStore
{
    /// <summary>The caller as everyone who may read the case sees him (masked); null when there is none.</summary>
    public static async Task<CallerContact?> MaskedCallerAsync(DbSession session, Guid incidentId) =>
        await session.QuerySingleOrDefaultAsync<string?>("SELECT caller_masked FROM open311_requests WHERE incident_id = @incidentId", new { incidentId })
            is { } masked ? JsonSerializer.Deserialize<CallerContact>(masked) : null;

    private sealed record CallerRow(string? CallerSealed, string? FirstName, string? LastName, string? Phone, string? Email);

    /// <summary>The caller of a case filed through Open311; null for a case filed otherwise or without a
    /// contact. Rows filed before contacts were sealed are read from their plain columns.</summary>
    public static async Task<CallerContact?> CallerAsync(DbSession session, Guid incidentId, PersonalDataSealer sealer)
    {
        var row = await session.QuerySingleOrDefaultAsync<CallerRow>("""
            SELECT caller_sealed AS CallerSealed, first_name AS FirstName, last_name AS LastName, phone AS Phone, email AS Email
            FROM open311_requests WHERE incident_id = @incidentId
            """, new { incidentId });
        var caller = row switch
        {
            null => null,
            { CallerSealed: { } sealedValue } => JsonSerializer.Deserialize<CallerContact>(sealer.Open(sealedValue, incidentId.ToString())),
            _ => CallerContact.Of(row.FirstName, row.LastName, row.Phone, row.Email),
        };
        return caller is { IsEmpty: false } ? caller : null;
    }

    /// <summary>Whether the case's caller left a phone (read from the masked contact: no key needed).</summary>
    public static async Task<bool> HasPhoneAsync(DbSession session, Guid incidentId) =>
        await MaskedCallerAsync(session, incidentId) is { Phone: not null };
}
