namespace Governance.Dispatch.Routing;

/// <summary>Grade I and II cases are shown at once to every tier above the place (DOMAIN.md), on the
/// timeline and on their boards — not only through a notice subscription. Pure: which tiers.</summary>
public static class MajorCaseNotice
{
    public static bool Applies(Grade grade) => grade is Grade.I or Grade.II;

    /// <summary>The tiers above the place (village, township, county) that are told of a case of
    /// <paramref name="grade"/> held on <paramref name="holder"/>: all but the holder; none for III and IV.</summary>
    public static IReadOnlyList<Tier> TiersToTell(Grade grade, Tier holder) =>
        Applies(grade) ? new[] { Tier.Village, Tier.Township, Tier.County }.Where(t => t != holder).ToList() : [];
}
