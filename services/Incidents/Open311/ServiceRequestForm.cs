using Governance.Infrastructure.Sms;
using System.Globalization;
using Governance.Incidents.Apis;
using Governance.Incidents.Handling;
using Microsoft.AspNetCore.Http;

namespace Governance.Incidents.Open311;

/// <summary>
/// The fields of POST requests, named as the spec names them. The case itself is checked by
/// <see cref="Handling.Filing"/> (the same rules as POST /incidents); this adds only what is Open311's
/// own — the location parameter and the reporter's contact — and translates Filing's field names
/// back into the spec's (unitCode → attribute[unitCode], location.lat → lat, …).
/// </summary>
public sealed record ServiceRequestForm(
    string? ApiKey, string? JurisdictionId, string? ServiceCode, string? Lat, string? Long, string? AddressString, string? AddressId,
    string? Description, string? UnitCode, string? Grade, string? Email, string? FirstName, string? LastName, string? Phone,
    string? DeviceId, string? AccountId, string? MediaUrl)
{
    public const int TitleLength = 40;

    private static readonly Dictionary<string, string> SpecNames = new()
    {
        ["unitCode"] = $"attribute[{ServiceCatalogue.UnitCodeAttribute}]",
        ["grade"] = $"attribute[{ServiceCatalogue.GradeAttribute}]",
        ["category"] = "service_code",
        ["description"] = "description",
        ["location.lat"] = "lat",
        ["location.lng"] = "long",
        ["location"] = "lat/long",
        ["addressString"] = "address_string",
        ["addressId"] = "address_id",
    };

    /// <summary>Reads the form; an empty field counts as absent ("Optional Arguments" in the spec).
    /// api_key may also come in the query string, where some clients put it.</summary>
    public static ServiceRequestForm Read(IFormCollection form, IQueryCollection query)
    {
        string? Field(string name) => form[name].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        return new ServiceRequestForm(
            Field("api_key") ?? query["api_key"].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim(),
            Field("jurisdiction_id"), Field("service_code"), Field("lat"), Field("long"), Field("address_string"), Field("address_id"),
            Field("description"), Field($"attribute[{ServiceCatalogue.UnitCodeAttribute}]"), Field($"attribute[{ServiceCatalogue.GradeAttribute}]"),
            Field("email"), Field("first_name"), Field("last_name"), Field("phone"), Field("device_id"), Field("account_id"), Field("media_url"));
    }

    /// <summary>The case as a hotline operator's POST /incidents would receive it; the title is cut from the description.
    /// Without attribute[unitCode] it is placed by lat/long, address_string or address_id, or waits in triage.</summary>
    public FileIncidentRequest ToFiling() => new(
        UnitCode: UnitCode, Category: ServiceCode, Grade: Grade, Title: Description is null ? null : TitleOf(Description),
        Description: Description,
        Location: Lat is null && Long is null ? null : new LocationRequest(Number(Lat), Number(Long)),
        AddressString: AddressString, AddressId: AddressId);

    /// <summary>The form as an Idempotency-Key's fingerprint sees it: every field but the key itself.</summary>
    public IReadOnlyList<string?> FingerprintFields() =>
    [
        "open311", JurisdictionId, ServiceCode, Lat, Long, AddressString, AddressId, Description, UnitCode, Grade, Email, FirstName, LastName,
        Phone, DeviceId, AccountId, MediaUrl,
    ];

    public ServiceRequestExtras Extras(string clientName) =>
        new(clientName, AddressString, MediaUrl, AccountId, DeviceId, Email, FirstName, LastName, Phone);

    /// <summary>The checks that are Open311's own (Filing does the case's).</summary>
    public IEnumerable<Open311Error> Check()
    {
        // The spec asks for a location (lat & long, address_string or address_id); 接诉即办 takes a call without
        // one too: it waits in the county's triage queue (待分拨) until a dispatcher places it (docs/intake.md).
        foreach (var error in new[]
        {
            Text("address_string", AddressString, 400), Text("address_id", AddressId, 100), Text("email", Email, 254), Text("first_name", FirstName, 100),
            Text("last_name", LastName, 100), Text("phone", Phone, 40), Text("device_id", DeviceId, 100), Text("account_id", AccountId, 100),
            Text("media_url", MediaUrl, 2000),
        }.OfType<Open311Error>()) yield return error;
        if (Email is { Length: <= 254 } email && !email.Contains('@')) yield return Bad(IncidentsTexts.Open311Email);
        if (Phone is { Length: <= 40 } phone && !string.IsNullOrWhiteSpace(phone) && !PhoneNumbers.IsOneNumber(phone.Trim()))
            yield return Bad(IncidentsTexts.Open311Phone);
        if (MediaUrl is { Length: <= 2000 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return Bad(IncidentsTexts.Open311MediaUrl);
    }

    /// <summary>Filing's errors under the spec's field names, e.g. "attribute[unitCode] is required."</summary>
    public IEnumerable<Open311Error> Translate(FieldErrors filing)
    {
        var problems = filing.ToProblem().ProblemDetails.Errors;
        foreach (var (field, messages) in problems)
        {
            // The title is the description's beginning: its faults are the description's, reported once.
            if (field == "title" && (problems.ContainsKey("description") || Description is null)) continue;
            var name = SpecNames.GetValueOrDefault(field, field == "title" ? "description" : field);
            foreach (var message in messages)
            {
                yield return Bad(message.StartsWith(field + " ", StringComparison.Ordinal) ? name + message[field.Length..] : $"{name}: {message}");
            }
        }
    }

    /// <summary>The first 40 characters of the description on one line (a pair of UTF-16 surrogates is not cut).</summary>
    public static string TitleOf(string description)
    {
        var line = string.Join(' ', description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= TitleLength) return line;
        var cut = char.IsHighSurrogate(line[TitleLength - 1]) ? TitleLength - 1 : TitleLength;
        return line[..cut];
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static Open311Error? Text(string field, string? value, int maxLength) =>
        value is null ? null
        : value.Length > maxLength ? Bad(ProblemTexts.TooLong(field, maxLength))
        : value.Any(char.IsControl) ? Bad(IncidentsTexts.Open311NoControlCharacters(field))
        : null;

    private static Open311Error Bad(string description) => new(StatusCodes.Status400BadRequest, description);
}
