using System.Globalization;
using System.Text;

namespace Governance.Benchmarks;

/// <summary>One measured figure: what, how much, and the target it is held to (if any).</summary>
public sealed record Figure(string Section, string Name, double Value, string Unit, string? Target = null, bool? Met = null, string? Note = null);

/// <summary>Everything one run measured, printed as a table and appended to the history file.</summary>
public sealed class Report
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<Figure> Figures => _figures;

    public Figure Add(string section, string name, double value, string unit, string? note = null)
    {
        var figure = new Figure(section, name, value, unit, Note: note);
        _figures.Add(figure);
        Log.Info($"{section} · {name}: {Format(value)} {unit}{(note is null ? "" : $" ({note})")}");
        return figure;
    }

    /// <summary>A figure held to a target: at least (<paramref name="atLeast"/> true) or at most.</summary>
    public Figure Target(string section, string name, double value, string unit, double target, bool atLeast, string? note = null)
    {
        var met = atLeast ? value >= target : value <= target;
        var figure = new Figure(section, name, value, unit, $"{(atLeast ? "≥" : "≤")} {Format(target)}", met, note);
        _figures.Add(figure);
        Log.Info($"{section} · {name}: {Format(value)} {unit} (target {figure.Target}: {(met ? "met" : "MISSED")}){(note is null ? "" : $" ({note})")}");
        return figure;
    }

    public void Note(string text)
    {
        _notes.Add(text);
        Log.Info(text);
    }

    public double? Value(string section, string name) => _figures.LastOrDefault(f => f.Section == section && f.Name == name)?.Value;

    public static string Format(double value) => double.IsNaN(value) ? "n/a"
        : Math.Abs(value) >= 100 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A Markdown table (it reads as a table on a terminal as well).</summary>
    public string Table()
    {
        var rows = _figures.Select(f => new[]
        {
            f.Section, f.Name, Format(f.Value), f.Unit, f.Target ?? "", f.Met is null ? "" : f.Met.Value ? "met" : "**missed**", f.Note ?? "",
        }).ToList();
        string[] header = ["section", "figure", "value", "unit", "target", "", "note"];
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            sb.Append("| ").AppendJoin(" | ", cells.Select((c, i) => i is 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).Append(" |\n");
        Line(header);
        sb.Append('|').AppendJoin('|', widths.Select((w, i) => i is 2 ? new string('-', w + 1) + ":" : new string('-', w + 2))).Append("|\n");
        foreach (var row in rows) Line(row);
        if (_notes.Count > 0)
        {
            sb.Append('\n');
            foreach (var note in _notes) sb.Append("- ").Append(note).Append('\n');
        }
        return sb.ToString();
    }
}

public static class Log
{
    private static readonly DateTime Start = DateTime.UtcNow;

    public static void Info(string text) =>
        Console.Error.WriteLine($"[bench {(DateTime.UtcNow - Start).TotalSeconds,6:0.0}s] {text}");
}
