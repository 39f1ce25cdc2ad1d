using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Incidents.Open311;

/// <summary>
/// API keys of the client systems that file through Open311 (hotline 12345, apps). A key is 32 random
/// bytes, shown once when issued; only its SHA-256 is stored (the key has full entropy, so no salt is
/// needed to make the hash useless to a reader of the table).
/// </summary>
public static class ApiKeys
{
    /// <summary>Accepted as client "demo" when Open311:AcceptDemoKey is true (standalone).</summary>
    public const string Demo = "demo";

    private const int MaxLength = 200;

    public static string Issue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The client system the key belongs to; null for no key, an unknown or a revoked one.
    /// The demo key reads what the public reads.</summary>
    public static async Task<ActiveClient?> ClientAsync(IncidentsDatabase db, string? key, bool acceptDemoKey, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength) return null;
        if (key == Demo) return acceptDemoKey ? new ActiveClient(Demo, MayReadDetails: false) : null;
        await using var connection = await db.OpenReadAsync(ct);
        return await ClientStore.ActiveAsync(connection, Hash(key));
    }
}
