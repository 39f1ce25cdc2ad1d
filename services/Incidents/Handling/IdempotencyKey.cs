using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Globalization;

namespace Governance.Incidents.Handling;

/// <summary>
/// A client's Idempotency-Key and the fingerprint of the filing it came with. The key is the caller's
/// own (a person's, or an Open311 client system's): only his own earlier filing is found by it. Sent
/// again with the same filing it answers that filing; with a different one it is refused, since
/// answering the first case would swallow the second filing unseen. Read from HTTP by Apis/IdempotencyKeys.cs.
/// </summary>
public sealed record IdempotencyKey(string Key, string RequestHash)
{
    /// <summary>Whether an earlier filing under this key was this same filing. A case filed before
    /// fingerprints were kept (null) is taken as the same: it cannot be told apart.</summary>
    public bool SameFilingAs(string? earlierHash) => earlierHash is null || earlierHash == RequestHash;

    /// <summary>The fingerprint of any list of normalised fields (Open311's form has its own).</summary>
    public static string Fingerprint(IReadOnlyList<string?> fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));

    public static string? Text(string? value) => value?.Trim();

    public static string? Code(string? value) => value?.Trim().ToLowerInvariant();

    public static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
