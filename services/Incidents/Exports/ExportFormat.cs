using Governance.Incidents.Handling;

namespace Governance.Incidents.Exports;

/// <summary>An export's file type: XLSX (Excel, WPS) or CSV (UTF-8 with a byte-order mark, so Excel shows Chinese).</summary>
public enum ExportFormat { Xlsx, Csv }

public static class ExportFormats
{
    /// <summary>The query's format (default xlsx), or an error naming the field.</summary>
    public static ExportFormat? Read(string? format, FieldErrors errors)
    {
        switch (format)
        {
            case null or "xlsx": return ExportFormat.Xlsx;
            case "csv": return ExportFormat.Csv;
            default: errors.Add("format", IncidentsTexts.ExportFormats); return null;
        }
    }

    public static string ContentType(this ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(this ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";
}
