using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace Governance.Incidents.Open311;

/// <summary>
/// Writes an <see cref="Open311Document"/> as UTF-8 XML (System.Xml's XmlWriter: declaration with
/// encoding="utf-8", no namespace, as the spec asks) or as JSON. Chinese text is written as it is,
/// not as \u escapes, in both.
/// </summary>
public static class Open311Writer
{
    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    // Relaxed escaping leaves CJK (and every other non-ASCII letter) readable. It does not escape
    // HTML-significant characters either, which is safe because the answer is served as JSON, not HTML.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Render(Open311Format format, Open311Document document) =>
        format == Open311Format.Xml ? Xml(document) : Json(document);

    private static byte[] Xml(Open311Document document)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, XmlSettings))
        {
            xml.WriteStartDocument();
            WriteXml(xml, document.RootName, document.Root);
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void WriteXml(XmlWriter xml, string name, Open311Node node)
    {
        xml.WriteStartElement(name);
        switch (node)
        {
            case Open311Value { Value: var value }:
                if (Text(value) is { } text) xml.WriteString(XmlSafe(text));
                break;
            case Open311Fields fields:
                foreach (var (field, child) in fields.Fields) WriteXml(xml, field, child);
                break;
            case Open311List list:
                foreach (var item in list.Items) WriteXml(xml, list.ItemName, item);
                break;
        }
        xml.WriteEndElement();
    }

    private static byte[] Json(Open311Document document)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions)) WriteJson(json, document.Root);
        return stream.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter json, Open311Node node)
    {
        switch (node)
        {
            case Open311Value { Value: var value }:
                WriteJsonValue(json, value);
                break;
            case Open311Fields fields:
                json.WriteStartObject();
                foreach (var (field, child) in fields.Fields)
                {
                    json.WritePropertyName(field);
                    WriteJson(json, child);
                }
                json.WriteEndObject();
                break;
            case Open311List list:
                json.WriteStartArray();
                foreach (var item in list.Items) WriteJson(json, item);
                json.WriteEndArray();
                break;
        }
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case double d: json.WriteNumberValue(d); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => W3cDateTime.Format(t),
        _ => throw new ArgumentException($"An Open311 value cannot be a {value.GetType().Name}"),
    };

    /// <summary>Text that XML 1.0 can carry: characters it forbids (stray control characters, lone
    /// surrogates) become U+FFFD instead of failing the whole answer.</summary>
    private static string XmlSafe(string text)
    {
        var index = 0;
        while (index < text.Length && XmlConvert.IsXmlChar(text[index])) index++;
        if (index == text.Length) return text;
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) safe.Append(c).Append(text[++i]);
            else safe.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return safe.ToString();
    }
}
