namespace Governance.Contracts;

/// <summary>The levels and tiers as Chinese readers name them (the pages' words, Web/src/i18n.ts): one place for the
/// problem texts, the exports and the reports.</summary>
public static class ChineseNames
{
    public static string Of(UnitLevel level) => level switch
    {
        UnitLevel.County => "区县",
        UnitLevel.Township => "乡镇/街道",
        UnitLevel.Village => "村/社区",
        UnitLevel.Grid => "网格",
        _ => "院落",
    };

    /// <summary>The courtyard tier is the grid's too: a case at it is handled in the courtyard or its grid.</summary>
    public static string Of(Tier tier) => tier switch
    {
        Tier.Courtyard => "院落/网格",
        Tier.Village => "村/社区",
        Tier.Township => "乡镇/街道",
        _ => "区县",
    };
}
