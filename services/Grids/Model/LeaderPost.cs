using System.Text.Json.Serialization;

namespace Governance.Grids.Model;

/// <summary>A leader post held on top of a person's role (领导干部): a member of the township's or the
/// county's party committee (乡镇/区县党委委员).</summary>
[JsonConverter(typeof(CodeConverter<LeaderPostKind>))]
public enum LeaderPostKind
{
    [JsonStringEnumMemberName("township-committee")] TownshipCommittee,
    [JsonStringEnumMemberName("county-committee")] CountyCommittee,
}

/// <summary>A person's leader post and the units he is linked to (联系点). His token carries the linked
/// units (claims <c>leader-unit</c>): he reads the cases under them, urges and supervises them, and visits
/// them (<see cref="VisitKind.Leader"/>). The units are part of his security stamp.</summary>
public sealed record LeaderPost(LeaderPostKind Post, IReadOnlyList<string> LinkedUnits)
{
    /// <summary>How many units one leader may be linked to; a county committee member's few townships and villages.</summary>
    public const int MaxLinkedUnits = 20;

    /// <summary>The linked units as stored in one column: codes (letters, digits, '-', '_', '.') separated by spaces, in order.</summary>
    [JsonIgnore]
    public string StoredUnits => string.Join(' ', LinkedUnits);

    /// <summary>Equal when the post and the linked units (in order) are: a person read twice is the same person.</summary>
    public bool Equals(LeaderPost? other) => other is not null && Post == other.Post && LinkedUnits.SequenceEqual(other.LinkedUnits);

    public override int GetHashCode() => HashCode.Combine(Post, StoredUnits);

    public static LeaderPost? FromStored(LeaderPostKind? post, string? units) =>
        post is { } p ? new LeaderPost(p, (units ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) : null;
}
