using System.Text.Json.Serialization;

namespace Governance.Contracts;

// The shared vocabulary of docs/domain.md. Member names on the wire are the stable codes
// (lower-case tiers and levels, Roman grades, hyphenated categories), in messages and in the API alike.

/// <summary>A level of the territory tree (五级: 区县 > 乡镇/街道 > 村/社区 > 网格 > 院落).</summary>
[JsonConverter(typeof(CodeConverter<UnitLevel>))]
public enum UnitLevel
{
    [JsonStringEnumMemberName("county")] County = 1,
    [JsonStringEnumMemberName("township")] Township = 2,
    [JsonStringEnumMemberName("village")] Village = 3,
    [JsonStringEnumMemberName("grid")] Grid = 4,
    [JsonStringEnumMemberName("courtyard")] Courtyard = 5,
}

/// <summary>A handling tier, lowest first. Grid and courtyard share the lowest tier.</summary>
[JsonConverter(typeof(CodeConverter<Tier>))]
public enum Tier
{
    [JsonStringEnumMemberName("courtyard")] Courtyard = 1,
    [JsonStringEnumMemberName("village")] Village = 2,
    [JsonStringEnumMemberName("township")] Township = 3,
    [JsonStringEnumMemberName("county")] County = 4,
}

/// <summary>China's four-grade event scale: IV 一般, III 较大, II 重大, I 特别重大.</summary>
[JsonConverter(typeof(CodeConverter<Grade>))]
public enum Grade
{
    [JsonStringEnumMemberName("IV")] IV = 4,
    [JsonStringEnumMemberName("III")] III = 3,
    [JsonStringEnumMemberName("II")] II = 2,
    [JsonStringEnumMemberName("I")] I = 1,
}

/// <summary>Standardised incident categories (标准化事件类型). Codes are stable.</summary>
[JsonConverter(typeof(CodeConverter<Category>))]
public enum Category
{
    [JsonStringEnumMemberName("dispute")] Dispute,
    [JsonStringEnumMemberName("public-security")] PublicSecurity,
    [JsonStringEnumMemberName("petition")] Petition,
    [JsonStringEnumMemberName("work-safety")] WorkSafety,
    [JsonStringEnumMemberName("emergency")] Emergency,
    [JsonStringEnumMemberName("livelihood")] Livelihood,
    [JsonStringEnumMemberName("environment")] Environment,
    [JsonStringEnumMemberName("facilities")] Facilities,
    [JsonStringEnumMemberName("consultation")] Consultation,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>Why a case left its tier. Recorded with every escalation: the dashboard counts them.</summary>
[JsonConverter(typeof(CodeConverter<EscalationReason>))]
public enum EscalationReason
{
    /// <summary>The tier's deadline passed unresolved.</summary>
    [JsonStringEnumMemberName("deadline-passed")] DeadlinePassed,
    /// <summary>The handler asked, with a reason.</summary>
    [JsonStringEnumMemberName("handler-requested")] HandlerRequested,
    /// <summary>Nobody acknowledged (签收) the case in time.</summary>
    [JsonStringEnumMemberName("acknowledgement-overdue")] AcknowledgementOverdue,
    /// <summary>Re-graded to a grade whose lowest tier is above the current one.</summary>
    [JsonStringEnumMemberName("regraded")] Regraded,
    /// <summary>Verification said "not solved" twice.</summary>
    [JsonStringEnumMemberName("rejected-twice")] RejectedTwice,
    /// <summary>The county pulled the case up to itself (提级).</summary>
    [JsonStringEnumMemberName("county-pulled-up")] CountyPulledUp,
    /// <summary>Village mediation (乡贤评理堂) reached no agreement: on to the township justice office.</summary>
    [JsonStringEnumMemberName("mediation-failed")] MediationFailed,
    /// <summary>The township pulled a case of one of its villages up to itself (提级). Added last: the wire carries names.</summary>
    [JsonStringEnumMemberName("township-pulled-up")] TownshipPulledUp,
}

/// <summary>What verification found (核查): FixMyStreet's users asked for "partly" too.</summary>
[JsonConverter(typeof(CodeConverter<VerificationResult>))]
public enum VerificationResult
{
    [JsonStringEnumMemberName("solved")] Solved,
    [JsonStringEnumMemberName("partly-solved")] PartlySolved,
    [JsonStringEnumMemberName("not-solved")] NotSolved,
}

/// <summary>The resident's satisfaction (群众满意度), recorded for the evaluation.</summary>
[JsonConverter(typeof(CodeConverter<Satisfaction>))]
public enum Satisfaction
{
    [JsonStringEnumMemberName("satisfied")] Satisfied,
    [JsonStringEnumMemberName("basically-satisfied")] BasicallySatisfied,
    [JsonStringEnumMemberName("dissatisfied")] Dissatisfied,
}

/// <summary>红黄牌: yellow when most of a deadline is used, red when it passed.</summary>
[JsonConverter(typeof(CodeConverter<WarningLevel>))]
public enum WarningLevel
{
    [JsonStringEnumMemberName("yellow")] Yellow,
    [JsonStringEnumMemberName("red")] Red,
}

/// <summary>What a missed deadline does (routing policy <c>onMissedDeadline</c>): <c>supervise</c> keeps the
/// case with the unit responsible for the place (属地负责) and presses it from the tier above (催办 at yellow,
/// 超期预警 at red); <c>escalate</c> moves it up one tier.</summary>
[JsonConverter(typeof(CodeConverter<MissedDeadlineAction>))]
public enum MissedDeadlineAction
{
    [JsonStringEnumMemberName("supervise")] Supervise,
    [JsonStringEnumMemberName("escalate")] Escalate,
}

/// <summary>Which clock of an assignment ran out: acknowledgement (签收) or resolution (办结).</summary>
[JsonConverter(typeof(CodeConverter<DeadlineKind>))]
public enum DeadlineKind
{
    [JsonStringEnumMemberName("resolution")] Resolution,
    [JsonStringEnumMemberName("acknowledgement")] Acknowledgement,
}

/// <summary>How a department takes part in a case called in by 吹哨报到: it leads (owns the case) or co-handles.</summary>
[JsonConverter(typeof(CodeConverter<DepartmentRole>))]
public enum DepartmentRole
{
    [JsonStringEnumMemberName("lead")] Lead,
    [JsonStringEnumMemberName("co-handler")] CoHandler,
}
