using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance.Incidents.Open311;

/// <summary>
/// The spec's date/time format: the W3C profile of ISO 8601 with a time zone (Z or ±hh:mm), which
/// the spec makes mandatory. Written in UTC to the second, like the rest of the API.
/// </summary>
public static partial class W3cDateTime
{
    public static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads 2026-01-01T00:00Z, 2026-01-01T08:00:00+08:00 or with fractions of a second.
    /// A '+' that arrived unencoded in a query string reads as a space; it is taken back as '+'.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null) return false;
        var candidate = text.Trim().Replace(' ', '+');
        return Shape().IsMatch(candidate)
            && DateTimeOffset.TryParse(candidate, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Shape();
}
