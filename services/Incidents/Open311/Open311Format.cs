namespace Governance.Incidents.Open311;

/// <summary>The formats a client picks with the resource's extension (/services.xml, /services.json).
/// XML is the spec's required format; JSON is offered too (and announced by discovery).</summary>
public enum Open311Format { Xml, Json }

public static class Open311Formats
{
    public const string XmlMediaType = "text/xml";
    public const string JsonMediaType = "application/json";

    public static bool TryParse(string? extension, out Open311Format format)
    {
        format = Open311Format.Xml;
        if (string.Equals(extension, "xml", StringComparison.OrdinalIgnoreCase)) return true;
        if (!string.Equals(extension, "json", StringComparison.OrdinalIgnoreCase)) return false;
        format = Open311Format.Json;
        return true;
    }

    /// <summary>For handlers behind the group filter, which has already refused unknown formats.</summary>
    public static Open311Format Parse(string extension) =>
        TryParse(extension, out var format) ? format : throw new ArgumentException($"Unknown Open311 format '{extension}'", nameof(extension));

    public static string ContentType(this Open311Format format) =>
        format == Open311Format.Xml ? $"{XmlMediaType}; charset=utf-8" : $"{JsonMediaType}; charset=utf-8";

    public static string Extension(this Open311Format format) => format == Open311Format.Xml ? "xml" : "json";
}
