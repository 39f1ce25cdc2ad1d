using Governance.Contracts;
using System.Text.Json.Serialization;

namespace Governance.Infrastructure.Authority;

/// <summary>
/// What a person can do to a case (docs/permissions.md has the table). The codes are what
/// <c>allowedActions</c> lists and the pages render: one code per button.
/// </summary>
[JsonConverter(typeof(CodeConverter<CaseAction>))]
public enum CaseAction
{
    /// <summary>Read the case, its photos and timeline.</summary>
    [JsonStringEnumMemberName("read")] Read,
    /// <summary>即知即办: the filer closes a general (IV) matter as he files it.</summary>
    [JsonStringEnumMemberName("settle-on-the-spot")] SettleOnTheSpot,
    /// <summary>签收.</summary>
    [JsonStringEnumMemberName("accept")] Accept,
    /// <summary>办结.</summary>
    [JsonStringEnumMemberName("resolve")] Resolve,
    /// <summary>反馈: a progress note on the timeline.</summary>
    [JsonStringEnumMemberName("note")] Note,
    [JsonStringEnumMemberName("add-photo")] AddPhoto,
    /// <summary>提请上级: the holder asks the tier above to take the case, with a reason.</summary>
    [JsonStringEnumMemberName("request-move-up")] RequestMoveUp,
    /// <summary>The tier above accepts or declines a 提请上级 (a reason when declined).</summary>
    [JsonStringEnumMemberName("decide-move-up")] DecideMoveUp,
    /// <summary>退回: a township or county holder hands the case back down.</summary>
    [JsonStringEnumMemberName("send-back")] SendBack,
    /// <summary>升级: moves the case up a tier at once.</summary>
    [JsonStringEnumMemberName("move-up")] MoveUp,
    /// <summary>吹哨: calls in a lead department and co-handlers.</summary>
    [JsonStringEnumMemberName("call-in-departments")] CallInDepartments,
    /// <summary>报到, feedback and finishing its part, for a department called in.</summary>
    [JsonStringEnumMemberName("department-work")] DepartmentWork,
    /// <summary>催办.</summary>
    [JsonStringEnumMemberName("urge")] Urge,
    /// <summary>督办 (always a person's action).</summary>
    [JsonStringEnumMemberName("supervise")] Supervise,
    /// <summary>提级: a higher tier takes the case over.</summary>
    [JsonStringEnumMemberName("pull-up")] PullUp,
    /// <summary>包案: a leader takes the case in hand.</summary>
    [JsonStringEnumMemberName("take-in-hand")] TakeInHand,
    /// <summary>The sign-off of the leader who took the case in hand, after verification.</summary>
    [JsonStringEnumMemberName("sign-off")] SignOff,
    [JsonStringEnumMemberName("regrade")] Regrade,
    [JsonStringEnumMemberName("report-casualties")] ReportCasualties,
    /// <summary>核查.</summary>
    [JsonStringEnumMemberName("verify")] Verify,
    /// <summary>Merging duplicates: needs the right on both cases.</summary>
    [JsonStringEnumMemberName("merge")] Merge,
    /// <summary>Mediation sessions (乡贤评理堂) and their outcome.</summary>
    [JsonStringEnumMemberName("mediate")] Mediate,
    /// <summary>先联系后办理: the hotline caller's name and number, unmasked, while the case is worked on.</summary>
    [JsonStringEnumMemberName("read-caller")] ReadCaller,
    /// <summary>分拨: place a hotline call waiting in the county's triage queue (待分拨) on its unit.</summary>
    [JsonStringEnumMemberName("place-triage")] PlaceTriage,
}
