namespace Governance.Incidents.Exports;

/// <summary>Codes as a county office reads them in a table: the Chinese names the pages show (Web/src/i18n.ts).</summary>
public static class Labels
{
    public static string Of(Category category) => Catalogue.Categories.First(c => c.Code == category).NameZh;

    public static string Of(Grade grade) => Catalogue.Grades.First(g => g.Code == grade).NameZh + $"（{grade}级）";

    public static string Of(IncidentStatus status) => status switch
    {
        IncidentStatus.Filed => "已登记",
        IncidentStatus.Triage => "待分拨",
        IncidentStatus.Assigned => "待签收",
        IncidentStatus.Accepted => "办理中",
        IncidentStatus.Resolved => "待核查",
        IncidentStatus.Reopened => "重新办理",
        IncidentStatus.Verified => "待签字",
        IncidentStatus.Closed => "已办结",
        IncidentStatus.Merged => "已合并",
        _ => status.ToString(),
    };

    public static string? Of(Tier? tier) => tier is { } t ? ChineseNames.Of(t) : null;

    public static string? Of(Satisfaction? satisfaction) => satisfaction switch
    {
        null => null,
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        Satisfaction.Dissatisfied => "不满意",
        _ => satisfaction.ToString(),
    };

    /// <summary>An instant as China-local time, minutes (a county's reports are read in local time).</summary>
    public static string? Of(DateTimeOffset? at) => at?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
