using Governance.Grids.Handling;
using System.Text;

namespace Governance.Grids.Import;

/// <summary>One data row of a CSV file: its index among the data rows (0 = the first after the
/// header), the line it starts on, and its values by column name.</summary>
public sealed record CsvRow(int Index, int Line, IReadOnlyDictionary<string, string> Values)
{
    public string? this[string column] => Values.TryGetValue(column, out var v) && v.Length > 0 ? v : null;

    /// <summary>The key errors of this row go under: "rows[12].".</summary>
    public string Prefix => $"rows[{Index}].";
}

/// <summary>
/// RFC 4180 CSV as spreadsheets save it: a header row naming the columns (matched without regard
/// to case), fields separated by commas, quoted with double quotes where they hold commas, quotes
/// or line breaks, CRLF or LF line ends, an optional UTF-8 byte order mark. Blank lines are skipped.
/// </summary>
public static class Csv
{
    public const int MaxRows = 100_000;

    /// <summary>The rows, or errors ("body" for a broken file, "header" for missing columns).</summary>
    public static (IReadOnlyList<CsvRow> Rows, FieldErrors Errors) Parse(string text, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        var errors = new FieldErrors();
        var records = Records(text.TrimStart('\uFEFF'), errors);
        if (errors.Any) return ([], errors);
        if (records.Count == 0) return ([], errors.Add("body", GridsTexts.FileEmpty(string.Join(",", required))));

        var known = required.Concat(optional).ToDictionary(c => c, c => c, StringComparer.OrdinalIgnoreCase);
        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        var columns = new string?[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            if (!known.TryGetValue(header[i], out var column))
                errors.Add("header", GridsTexts.UnknownColumn(header[i], string.Join(", ", known.Keys)));
            else if (columns.Contains(column)) errors.Add("header", GridsTexts.ColumnTwice(column));
            else columns[i] = column;
        }
        foreach (var missing in required.Where(r => !columns.Contains(r)))
            errors.Add("header", GridsTexts.ColumnMissing(missing));
        if (records.Count - 1 > MaxRows) errors.Add("body", GridsTexts.AtMostRows(MaxRows));
        if (errors.Any) return ([], errors);

        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            var index = rows.Count;
            if (fields.Count != header.Count)
            {
                errors.Add($"rows[{index}]", GridsTexts.FieldCount(line, fields.Count, header.Count));
                rows.Add(new CsvRow(index, line, new Dictionary<string, string>()));
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++) values[columns[i]!] = fields[i].Trim();
            rows.Add(new CsvRow(index, line, values));
        }
        return (rows, errors);
    }

    /// <summary>The line each record starts on (the header's first), as far as the text parses: the
    /// encoding check names the row a bad line belongs to, quoted line breaks and all.</summary>
    public static IReadOnlyList<int> RecordLines(string text) =>
        Records(text.TrimStart('\uFEFF'), new FieldErrors()).Select(r => r.Line).ToList();

    private static List<(int Line, List<string> Fields)> Records(string text, FieldErrors errors)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, quoted, fieldStarted) = (1, 1, false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else { if (ch == '\n') line++; field.Append(ch); }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldStarted:
                    quoted = fieldStarted = true;
                    break;
                case '"':
                    errors.Add("body", GridsTexts.QuoteInsideField(line));
                    return records;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    fieldStarted = true;
                    break;
            }
        }
        if (quoted)
        {
            errors.Add("body", GridsTexts.QuoteNotClosed(recordLine));
            return records;
        }
        EndRecord();
        return records;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
            if (!(fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))) records.Add((recordLine, fields));
            fields = [];
        }
    }
}
