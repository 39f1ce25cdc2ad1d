namespace Governance.Dispatch.Notices;

/// <summary>
/// A subscription rule (分级分类推送): which notices go to which robot or webhook. Each filter is
/// optional — empty matches any — and they combine with AND. <see cref="UnitCodePrefix"/> selects a
/// subtree of the territory, because unit codes nest by prefix: "500101001" is everything in the
/// township 500101001000, "500101" the whole county.
/// </summary>
public sealed record NoticeSubscription(
    Guid Id, string Name,
    IReadOnlyList<Category> Categories, IReadOnlyList<Grade> Grades, IReadOnlyList<Tier> Tiers, string? UnitCodePrefix,
    IReadOnlyList<NoticeKind> Events, NoticeChannel Channel, string Url, string? Secret, bool Enabled,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UpdatedBy);
