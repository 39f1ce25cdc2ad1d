using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Incidents.Apis;
using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http;

namespace Governance.Incidents.Handling;

/// <summary>
/// A client's Idempotency-Key and the fingerprint of the filing it came with. The key is the caller's
/// own (a person's, or an Open311 client system's): only his own earlier filing is found by it. Sent
/// again with the same filing it answers that filing; with a different one it is refused, since
/// answering the first case would swallow the second filing unseen.
/// </summary>
public sealed record IdempotencyKey(string Key, string RequestHash)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 100;

    /// <summary>The key in the request's header, null when there is none; errors name the header.</summary>
    public static (IdempotencyKey? Key, FieldErrors? Errors) From(HttpRequest request, Func<string> fingerprint)
    {
        var text = request.Headers[Header].ToString();
        if (text.Length == 0) return (null, null);
        if (text.Length > MaxLength) return (null, new FieldErrors().Add(Header, $"{Header} must be at most {MaxLength} characters."));
        if (text.Any(char.IsControl)) return (null, new FieldErrors().Add(Header, $"{Header} must not contain control characters."));
        return (new IdempotencyKey(text, fingerprint()), null);
    }

    /// <summary>Whether an earlier filing under this key was this same filing. A case filed before
    /// fingerprints were kept (null) is taken as the same: it cannot be told apart.</summary>
    public bool SameFilingAs(string? earlierHash) => earlierHash is null || earlierHash == RequestHash;

    /// <summary>The answer to a key used again for a different filing: 422, naming the header.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult AlreadyUsed(Guid earlierId) => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]>
        {
            [Header] = [$"{Header} is already used for another filing (case {earlierId}); send a new key for a new filing."],
        })
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Idempotency-Key already used for another filing",
    });

    /// <summary>The filing's fingerprint: its fields normalised (trimmed, codes in lower case, numbers
    /// in their shortest round-trip form), so that a retry of the same filing matches however the
    /// client spelled the whitespace around it.</summary>
    public static string Fingerprint(FileIncidentRequest? r) => Fingerprint(r is null ? ["no body"] :
    [
        "incident", Text(r.UnitCode), Code(r.Category), Code(r.Grade), Text(r.Title), Text(r.Description),
        Number(r.Location?.Lat), Number(r.Location?.Lng), r.Location is null ? null : Code(r.Location.Crs) ?? "wgs84", Text(r.Resolution),
    ]);

    /// <summary>The fingerprint of any list of normalised fields (Open311's form has its own).</summary>
    public static string Fingerprint(IReadOnlyList<string?> fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));

    public static string? Text(string? value) => value?.Trim();

    private static string? Code(string? value) => value?.Trim().ToLowerInvariant();

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
