using System.Text.Json.Serialization;

namespace Governance.Incidents.Model;

[JsonConverter(typeof(CodeConverter<IncidentStatus>))]
public enum IncidentStatus
{
    /// <summary>Registered, waiting for Dispatch to route it (案卷建立).</summary>
    [JsonStringEnumMemberName("filed")] Filed,
    /// <summary>A unit on a tier has it, with a deadline (任务派遣).</summary>
    [JsonStringEnumMemberName("assigned")] Assigned,
    /// <summary>The handling unit acknowledged it (签收) and is working on it.</summary>
    [JsonStringEnumMemberName("accepted")] Accepted,
    /// <summary>The handler reported it solved; waiting for verification (处理反馈).</summary>
    [JsonStringEnumMemberName("resolved")] Resolved,
    /// <summary>Verification said not solved: back to work on the same tier.</summary>
    [JsonStringEnumMemberName("reopened")] Reopened,
    /// <summary>Verified solved (核查结案).</summary>
    [JsonStringEnumMemberName("closed")] Closed,
    /// <summary>A duplicate, merged into another case that carries on for both.</summary>
    [JsonStringEnumMemberName("merged")] Merged,
    /// <summary>A hotline call that could not be placed on a unit (outside every grid, an unknown address, no
    /// location): taken (接诉即办) and waiting in the county's triage queue (待分拨) for a county dispatcher.
    /// Not routed yet; placing it makes it <see cref="Filed"/>.</summary>
    [JsonStringEnumMemberName("triage")] Triage,
    /// <summary>包案: verified solved while a leader holds the case in hand; it closes only with his sign-off
    /// (已核查，待包案领导签字). Settled like <see cref="Resolved"/>: nobody works on it any more.</summary>
    [JsonStringEnumMemberName("verified")] Verified,
}

/// <summary>What can happen to a case.</summary>
public enum IncidentAction
{
    Route, Escalate, Return, FlagOverdue, Accept, Resolve, RequestEscalation, Regrade,
    VerifySolved, VerifyPartlySolved, VerifyNotSolved, Merge, Mediate,
    /// <summary>待分拨 → 案卷建立: a county dispatcher placed a call waiting in triage on its unit.</summary>
    Place,
    /// <summary>核查 "solved" on a case in a leader's hand (包案): it waits for his sign-off instead of closing.</summary>
    VerifySolvedInHand,
    /// <summary>The leader who took the case in hand signs it off: 已核查 → 结案.</summary>
    SignOff,
}
