using Governance.Incidents.Handling;
using Microsoft.AspNetCore.Http;

namespace Governance.Incidents.Apis;

/// <summary>The Idempotency-Key header of a filing, read from HTTP, and the answer to a key used again
/// for another filing (the key itself, and what it means, is <see cref="IdempotencyKey"/>).</summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 100;

    /// <summary>The key in the request's header, null when there is none; errors name the header.</summary>
    public static (IdempotencyKey? Key, FieldErrors? Errors) From(HttpRequest request, Func<string> fingerprint)
    {
        var text = request.Headers[Header].ToString();
        if (text.Length == 0) return (null, null);
        if (text.Length > MaxLength) return (null, new FieldErrors().Add(Header, ProblemTexts.TooLong(Header, MaxLength)));
        if (text.Any(char.IsControl)) return (null, new FieldErrors().Add(Header, ProblemTexts.ControlCharacters(Header)));
        return (new IdempotencyKey(text, fingerprint()), null);
    }

    /// <summary>The answer to a key used again for a different filing: 422, naming the header.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult AlreadyUsed(Guid earlierId) => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]>
        {
            [Header] = [IncidentsTexts.KeyUsed(Header, earlierId)],
        })
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = IncidentsTexts.KeyUsedTitle,
    });

    /// <summary>The filing's fingerprint: its fields normalised (trimmed, codes in lower case, numbers
    /// in their shortest round-trip form), so that a retry of the same filing matches however the
    /// client spelled the whitespace around it.</summary>
    public static string Fingerprint(FileIncidentRequest? r) => IdempotencyKey.Fingerprint(r is null ? ["no body"] :
    [
        "incident", IdempotencyKey.Text(r.UnitCode), IdempotencyKey.Code(r.Category), IdempotencyKey.Code(r.Grade), IdempotencyKey.Text(r.Title), IdempotencyKey.Text(r.Description),
        IdempotencyKey.Number(r.Location?.Lat), IdempotencyKey.Number(r.Location?.Lng),
        r.Location is null ? null : IdempotencyKey.Code(r.Location.Crs) ?? LocationRequest.Wgs84, IdempotencyKey.Text(r.Resolution),
    ]);
}
