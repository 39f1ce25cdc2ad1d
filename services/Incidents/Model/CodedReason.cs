using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Incidents.Model;

/// <summary>
/// A reason the system gives (a placement's, a triage call's), stored as codes and the values they name so that
/// every page renders it in its own language (zh-CN first): found trying it from outside, the county's zh-CN
/// triage page showed "waits for a county dispatcher: its location lies outside every grid". The English text is
/// rendered from the codes here, for API clients and logs; rows written before the codes keep their text.
/// </summary>
/// <param name="Code">placed-by-location, placed-by-alias or triage.</param>
/// <param name="Parts">What it rests on: location (value "lat, lng"), outside-grids, no-location, alias-unknown and
/// alias-ambiguous (field address_string or address_id; value the alias, or how many units share it).</param>
public sealed record CodedReason(string Code, IReadOnlyList<CodedReason.Part> Parts)
{
    /// <param name="At">A moment the part names (a mediation's time): the pages show it in the county's zone.</param>
    public sealed record Part(string Code, string? Field = null, string? Value = null, DateTimeOffset? At = null);

    public const string PlacedByLocation = "placed-by-location";
    public const string PlacedByAlias = "placed-by-alias";
    public const string Triage = "triage";

    /// <summary>Marks a stored reason as codes (old rows hold English text, which never starts so).</summary>
    private const string Prefix = "code:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Stored() => Prefix + JsonSerializer.Serialize(this, Json);

    /// <summary>The codes of a stored reason; null for free text (a person's reason, a row from before the codes).</summary>
    public static CodedReason? FromStored(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize<CodedReason>(stored.AsSpan(Prefix.Length), Json); }
        catch (JsonException) { return null; } // text that merely starts like codes: shown as it is
    }

    /// <summary>The reason in English, as the API's <c>reason</c> / <c>why</c> always said it.</summary>
    public string English() => Code switch
    {
        PlacedByLocation => $"placed by its location ({Value("location")})",
        PlacedByAlias => Parts.FirstOrDefault() is { } p ? $"placed by its {p.Field} '{p.Value}', an alias of the unit" : "placed by an alias of the unit",
        Triage => "waits for a county dispatcher (待分拨): " + string.Join("; ", Parts.Select(EnglishPart)),
        _ => TimelineReasons.English(this) ?? Code,
    };

    /// <summary>The codes of placement's parts (what the pages must be able to say).</summary>
    public static readonly IReadOnlyList<string> PlacementPartCodes = ["location", "alias", "outside-grids", "alias-unknown", "alias-ambiguous", "no-location"];

    private string? Value(string part) => Parts.FirstOrDefault(p => p.Code == part)?.Value;

    private static string EnglishPart(Part p) => p.Code switch
    {
        "outside-grids" => "its location lies outside every grid",
        "alias-unknown" => $"its {p.Field} '{p.Value}' is no unit's registered alias",
        "alias-ambiguous" => $"its {p.Field} is an alias of {p.Value} units at the moment",
        "no-location" => "it came without a location (lat/long, address_string or address_id)",
        _ => p.Code,
    };
}
