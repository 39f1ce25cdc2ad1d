namespace Governance.Incidents.Model;

/// <summary>
/// Grades by casualties and direct economic loss, as in State Council Order 493 (生产安全事故报告和
/// 调查处理条例): especially major (I) ≥ 30 deaths, ≥ 100 seriously injured or ≥ ¥100 M; major (II)
/// 10–29 / 50–99 / ¥50–100 M; significant (III) 3–9 / 10–49 / ¥10–50 M; general (IV) below.
/// Any one figure crossing a band is enough.
/// </summary>
public static class Order493
{
    public static Grade GradeFor(Casualties c)
    {
        if (c.Deaths >= 30 || c.SeriouslyInjured >= 100 || c.DirectLossYuan >= 100_000_000) return Grade.I;
        if (c.Deaths >= 10 || c.SeriouslyInjured >= 50 || c.DirectLossYuan >= 50_000_000) return Grade.II;
        if (c.Deaths >= 3 || c.SeriouslyInjured >= 10 || c.DirectLossYuan >= 10_000_000) return Grade.III;
        return Grade.IV;
    }

    /// <summary>True when <paramref name="a"/> is more severe than <paramref name="b"/> (I is the most severe).</summary>
    public static bool MoreSevere(Grade a, Grade b) => (int)a < (int)b;
}
