namespace Governance.Grids.Model;

/// <summary>How big a generated county is: the number of units on each level, in total. Children
/// are spread over their parents as evenly as the totals allow (the first parents take one more),
/// so the totals come out exact and the codes do not depend on the seed.</summary>
public sealed record DemoCountySize(int Townships, int Villages, int Grids, int Courtyards)
{
    /// <summary>The standalone demo: 3 townships, 12 villages, 48 grids, 144 courtyards.</summary>
    public static readonly DemoCountySize Demo = new(3, 12, 48, 144);

    /// <summary>A realistic county: 30 townships, 400 villages (13–14 each), 5,000 grids (12–13 per
    /// village), 40,000 courtyards (8 per grid) — the size benchmarks and the scale tests use.</summary>
    public static readonly DemoCountySize County = new(30, 400, 5_000, 40_000);

    /// <summary>A size given as children per parent, as the first release described it.</summary>
    public static DemoCountySize PerParent(int townships, int villagesPerTownship, int gridsPerVillage, int courtyardsPerGrid) =>
        new(townships, townships * villagesPerTownship, townships * villagesPerTownship * gridsPerVillage,
            townships * villagesPerTownship * gridsPerVillage * courtyardsPerGrid);

    public int Units => 1 + Townships + Villages + Grids + Courtyards;

    /// <summary>Codes give three digits per level, and every parent needs at least one child.</summary>
    public void Validate()
    {
        Check(Townships, 1, nameof(Townships));
        Check(Villages, Townships, nameof(Villages));
        Check(Grids, Villages, nameof(Grids));
        Check(Courtyards, Grids, nameof(Courtyards));

        void Check(int count, int parents, string name)
        {
            if (count < parents || count > parents * 999L)
                throw new ArgumentOutOfRangeException(name, count, $"{name} must be between {parents} and {parents * 999L} (1 to 999 per parent).");
        }
    }

    /// <summary>How many of <paramref name="total"/> children the parent at <paramref name="index"/> gets.</summary>
    public static int Share(int total, int parents, int index) => total / parents + (index < total % parents ? 1 : 0);
}
