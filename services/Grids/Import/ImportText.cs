using Governance.Grids.Handling;
using System.Text;

namespace Governance.Grids.Import;

/// <summary>
/// The text of an uploaded file, in the encodings counties have. A CSV is read as strict UTF-8 (with or
/// without a byte order mark), else as strict GB18030 — what Chinese Excel saves as "CSV" (GBK and
/// GB2312 are subsets of it) — or in the one encoding the caller names. Bytes that fit none are an error
/// naming the row they are on: never a U+FFFD stored in a name. GeoJSON is UTF-8 only (RFC 7946).
/// </summary>
public static class ImportText
{
    public const string Utf8 = "utf-8";
    public const string Gb18030 = "gb18030";

    /// <summary>The names a caller may give (query <c>encoding</c> or the Content-Type's <c>charset</c>).</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf-8"] = Utf8, ["utf8"] = Utf8,
        ["gb18030"] = Gb18030, ["gbk"] = Gb18030, ["gb2312"] = Gb18030, ["cp936"] = Gb18030,
    };

    /// <summary>At most this many lines are named in one answer: a file in the wrong encoding has them on every line.</summary>
    private const int MaxNamedLines = 20;

    static ImportText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes a CSV file; <paramref name="requested"/> null tries UTF-8, then GB18030.</summary>
    public static (string? Text, FieldErrors Errors) DecodeCsv(ReadOnlySpan<byte> bytes, string? requested)
    {
        var errors = new FieldErrors();
        string[] candidates;
        if (requested is null) candidates = [Utf8, Gb18030];
        else if (Names.TryGetValue(requested.Trim(), out var name)) candidates = [name];
        else return (null, errors.Add("encoding", GridsTexts.EncodingUnknown(requested)));

        var body = WithoutUtf8Bom(bytes).ToArray();
        foreach (var candidate in candidates)
            if (TryStrict(body, candidate, out var text)) return (text, errors);

        // No encoding fits the whole file: take the one that fits the most lines and name the rows of
        // the lines it does not fit, so that the county knows which lines to fix.
        var lines = Lines(body);
        var (best, bad) = candidates
            .Select(c => (Name: c, Bad: lines.Select((range, i) => (range, i)).Where(l => !TryStrict(body[l.range], c, out _)).Select(l => l.i + 1).ToList()))
            .MinBy(c => c.Bad.Count);
        var recordLines = Csv.RecordLines(Strict(best, lossy: true).GetString(body));
        foreach (var line in bad.Take(MaxNamedLines))
        {
            var record = recordLines.Count(start => start <= line) - 1;
            errors.Add(record <= 0 ? "header" : $"rows[{record - 1}]",
                GridsTexts.LineNotInEncoding(line, candidates.Length == 1 ? candidates[0].ToUpperInvariant() : null));
        }
        return (null, errors);
    }

    /// <summary>Each line's bytes (a line feed is one byte in UTF-8 and GB18030, never part of a character).</summary>
    private static List<Range> Lines(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<Range>();
        var start = 0;
        for (int i; (i = bytes[start..].IndexOf((byte)'\n')) >= 0; start += i + 1) lines.Add(new Range(start, start + i));
        lines.Add(new Range(start, bytes.Length));
        return lines;
    }

    /// <summary>Decodes a GeoJSON file: UTF-8 only, as RFC 7946 requires.</summary>
    public static (string? Text, FieldErrors Errors) DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        var errors = new FieldErrors();
        return TryStrict(WithoutUtf8Bom(bytes), Utf8, out var text)
            ? (text, errors)
            : (null, errors.Add("body", GridsTexts.GeoJsonUtf8));
    }

    private static ReadOnlySpan<byte> WithoutUtf8Bom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;

    private static bool TryStrict(ReadOnlySpan<byte> bytes, string name, out string text)
    {
        try
        {
            text = Strict(name, lossy: false).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static Encoding Strict(string name, bool lossy)
    {
        DecoderFallback fallback = lossy ? new DecoderReplacementFallback("\uFFFD") : DecoderFallback.ExceptionFallback;
        return name == Utf8
            ? Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, fallback)
            : Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, fallback);
    }
}
