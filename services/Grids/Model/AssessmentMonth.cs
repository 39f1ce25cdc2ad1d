using System.Globalization;

namespace Governance.Grids.Model;

/// <summary>A month of the assessment, China-local (UTC+8): a day's work at 23:30 on the last of the
/// month counts in that month, not the next.</summary>
public readonly record struct AssessmentMonth(int Year, int Month)
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public string Key => $"{Year:D4}-{Month:D2}";

    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, ChinaOffset);
    public DateTimeOffset End => Start.AddMonths(1);

    public static AssessmentMonth Of(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaOffset);
        return new(local.Year, local.Month);
    }

    /// <summary>The China-local date of a moment (a patrol day).</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    public static bool TryParse(string? text, out AssessmentMonth month)
    {
        month = default;
        if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year < 2000 || d.Year > 2099)
            return false;
        month = new(d.Year, d.Month);
        return true;
    }

    public override string ToString() => Key;
}
