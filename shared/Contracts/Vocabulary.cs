using System.Text.Json.Serialization;

namespace Governance.Contracts;

// The shared vocabulary of DOMAIN.md. Member names on the wire are the stable codes
// (lower-case tiers and levels, Roman grades, hyphenated categories), in messages and in the API alike.

/// <summary>A level of the territory tree (五级: 区县 > 乡镇/街道 > 村/社区 > 网格 > 院落).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitLevel>))]
public enum UnitLevel
{
    [JsonStringEnumMemberName("county")] County = 1,
    [JsonStringEnumMemberName("township")] Township = 2,
    [JsonStringEnumMemberName("village")] Village = 3,
    [JsonStringEnumMemberName("grid")] Grid = 4,
    [JsonStringEnumMemberName("courtyard")] Courtyard = 5,
}

/// <summary>A handling tier, lowest first. Grid and courtyard share the lowest tier.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Tier>))]
public enum Tier
{
    [JsonStringEnumMemberName("courtyard")] Courtyard = 1,
    [JsonStringEnumMemberName("village")] Village = 2,
    [JsonStringEnumMemberName("township")] Township = 3,
    [JsonStringEnumMemberName("county")] County = 4,
}

/// <summary>China's four-grade event scale: IV 一般, III 较大, II 重大, I 特别重大.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Grade>))]
public enum Grade
{
    [JsonStringEnumMemberName("IV")] IV = 4,
    [JsonStringEnumMemberName("III")] III = 3,
    [JsonStringEnumMemberName("II")] II = 2,
    [JsonStringEnumMemberName("I")] I = 1,
}

/// <summary>Standardised incident categories (标准化事件类型). Codes are stable.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Category>))]
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
[JsonConverter(typeof(JsonStringEnumConverter<EscalationReason>))]
public enum EscalationReason
{
    [JsonStringEnumMemberName("deadline-passed")] DeadlinePassed,
    [JsonStringEnumMemberName("handler-requested")] HandlerRequested,
}
