using Governance.Contracts;
using System.Text.Json.Serialization;

namespace Governance.Infrastructure.Authority;

/// <summary>How a person relates to a case (DOMAIN "Who may do what"). A person may have several;
/// with none the case does not exist for him (404).</summary>
[JsonConverter(typeof(CodeConverter<Relation>))]
public enum Relation
{
    /// <summary>A handling role of the case's tier in the unit that holds it (or the lead department called in).</summary>
    [JsonStringEnumMemberName("holder")] Holder,
    /// <summary>A handling or supervising role of a higher tier whose unit is above the holder's.</summary>
    [JsonStringEnumMemberName("above")] Above,
    /// <summary>The place is in his subtree, but he neither holds the case nor stands above it.</summary>
    [JsonStringEnumMemberName("place")] Place,
    [JsonStringEnumMemberName("reporter")] Reporter,
    /// <summary>His department was called in (lead or co-handler).</summary>
    [JsonStringEnumMemberName("department")] Department,
    /// <summary>A leader post linked to the place (联系点).</summary>
    [JsonStringEnumMemberName("leader")] Leader,
}
