namespace Governance.Incidents.Open311;

/// <summary>
/// Our statuses in the spec's two words. A resolved case is still open: it is closed only once
/// verification (核查) confirms it, and a rejection reopens it — so "closed" never turns back.
/// </summary>
public static class Open311Status
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static string Of(IncidentStatus status) => status switch
    {
        IncidentStatus.Triage or IncidentStatus.Filed or IncidentStatus.Assigned or IncidentStatus.Accepted or IncidentStatus.Resolved or IncidentStatus.Reopened
            // 包案: verified, but it closes only with the leader's sign-off.
            or IncidentStatus.Verified => Open,
        // A merged duplicate is closed here: its reporters follow the case it was merged into.
        IncidentStatus.Closed or IncidentStatus.Merged => Closed,
        // A status added later must be placed here on purpose; the unit tests walk every value.
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No Open311 status for this case status"),
    };

    /// <summary>Our statuses behind one of the spec's; empty for a word that is neither.</summary>
    public static IReadOnlyList<IncidentStatus> StatusesOf(string open311Status) =>
        Enum.GetValues<IncidentStatus>().Where(s => Of(s) == open311Status).ToList();

    /// <summary>status_notes: what "open" hides — where the case is and what happens next.</summary>
    public static string Notes(IncidentStatus status, Tier? tier, bool flaggedOverdue)
    {
        var notes = status switch
        {
            IncidentStatus.Triage => "已受理，等待区县分拨。",
            IncidentStatus.Filed => "已登记，等待分派。",
            IncidentStatus.Assigned => $"已派遣至{TierName(tier)}办理。",
            IncidentStatus.Accepted => $"{TierName(tier)}已签收，正在办理。",
            IncidentStatus.Resolved => "已办结，等待核查。",
            IncidentStatus.Reopened => $"核查未通过，{TierName(tier)}重新办理。",
            IncidentStatus.Verified => "已核查，等待包案领导签字结案。",
            IncidentStatus.Closed => "已核查结案。",
            IncidentStatus.Merged => "与同一问题的另一案件合并办理。",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No status notes for this case status"),
        };
        return flaggedOverdue && status is not (IncidentStatus.Closed or IncidentStatus.Merged) ? notes + "已超期，区县督办中。" : notes;
    }

    private static string TierName(Tier? tier) => tier switch
    {
        Tier.Courtyard => "网格（院落）",
        Tier.Village => "村（社区）",
        Tier.Township => "乡镇（街道）",
        Tier.County => "区县",
        _ => "责任单位",
    };
}
