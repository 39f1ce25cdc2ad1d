using Governance.Contracts;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.UnitCopy;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

[TestFixture]
public class EscalationLadderTests
{
    private static readonly CopiedUnit County = new("500101000000", "示范县", UnitLevel.County, null);
    private static readonly CopiedUnit Township = new("500101001000", "龙白镇", UnitLevel.Township, County.Code);
    private static readonly CopiedUnit Village = new("500101001001", "清石村", UnitLevel.Village, Township.Code);
    private static readonly CopiedUnit Grid = new("500101001001001", "第1网格", UnitLevel.Grid, Village.Code);
    private static readonly CopiedUnit Courtyard = new("500101001001001001", "桥柏院落", UnitLevel.Courtyard, Grid.Code);

    private static readonly IReadOnlyList<CopiedUnit> FromCourtyard = [Courtyard, Grid, Village, Township, County];
    private static readonly IReadOnlyList<CopiedUnit> FromGrid = [Grid, Village, Township, County];
    private static readonly IReadOnlyList<CopiedUnit> FromVillage = [Village, Township, County];

    [TestCase(Tier.Courtyard, Tier.Village)]
    [TestCase(Tier.Village, Tier.Township)]
    [TestCase(Tier.Township, Tier.County)]
    public void Next_is_the_tier_above(Tier tier, Tier expected)
    {
        Assert.That(EscalationLadder.Next(tier), Is.EqualTo(expected));
    }

    [Test]
    public void Next_from_county_is_null_because_the_top_does_not_escalate()
    {
        Assert.That(EscalationLadder.Next(Tier.County), Is.Null);
    }

    [Test]
    public void Climbing_from_courtyard_visits_every_tier_once_and_stops_at_county()
    {
        var visited = new List<Tier>();
        for (Tier? tier = Tier.Courtyard; tier is not null; tier = EscalationLadder.Next(tier.Value))
            visited.Add(tier.Value);

        Assert.That(visited, Is.EqualTo(new[] { Tier.Courtyard, Tier.Village, Tier.Township, Tier.County }));
    }

    [Test]
    public void Courtyard_tier_is_handled_by_the_courtyard_itself()
    {
        Assert.That(EscalationLadder.HandlingUnit(FromCourtyard, Tier.Courtyard), Is.EqualTo(Courtyard));
    }

    [Test]
    public void Courtyard_tier_is_handled_by_the_grid_when_the_place_is_a_grid()
    {
        Assert.That(EscalationLadder.HandlingUnit(FromGrid, Tier.Courtyard), Is.EqualTo(Grid));
    }

    [Test]
    public void Courtyard_tier_has_no_handler_when_the_place_is_a_village()
    {
        Assert.That(EscalationLadder.HandlingUnit(FromVillage, Tier.Courtyard), Is.Null);
    }

    [Test]
    public void Village_tier_is_handled_by_the_village_ancestor()
    {
        Assert.That(EscalationLadder.HandlingUnit(FromCourtyard, Tier.Village), Is.EqualTo(Village));
    }

    [Test]
    public void Township_tier_is_handled_by_the_township_ancestor()
    {
        Assert.That(EscalationLadder.HandlingUnit(FromCourtyard, Tier.Township), Is.EqualTo(Township));
    }

    [Test]
    public void County_tier_is_handled_by_the_county()
    {
        Assert.That(EscalationLadder.HandlingUnit(FromCourtyard, Tier.County), Is.EqualTo(County));
    }

    // The courtyard's ancestors (清石村, 龙白镇, 示范县), written out: the grid has the same ones.
    [TestCase(Tier.Village, "500101001001")]
    [TestCase(Tier.Township, "500101001000")]
    [TestCase(Tier.County, "500101000000")]
    public void Upper_tiers_from_a_grid_are_the_same_ancestors_as_from_its_courtyard(Tier tier, string expectedCode)
    {
        Assert.That(EscalationLadder.HandlingUnit(FromGrid, tier)?.Code, Is.EqualTo(expectedCode));
        Assert.That(EscalationLadder.HandlingUnit(FromCourtyard, tier)?.Code, Is.EqualTo(expectedCode));
    }

    [Test]
    public void Village_tier_from_a_village_is_the_village_itself()
    {
        Assert.That(EscalationLadder.HandlingUnit(FromVillage, Tier.Village), Is.EqualTo(Village));
    }

    [TestCase(Tier.Courtyard)]
    [TestCase(Tier.Village)]
    [TestCase(Tier.Township)]
    [TestCase(Tier.County)]
    public void An_empty_chain_has_no_handler(Tier tier)
    {
        Assert.That(EscalationLadder.HandlingUnit([], tier), Is.Null);
    }

    [Test]
    public void A_chain_lacking_a_level_has_no_handler_on_that_tier()
    {
        IReadOnlyList<CopiedUnit> broken = [Courtyard, Grid, Village, County];

        Assert.Multiple(() =>
        {
            Assert.That(EscalationLadder.HandlingUnit(broken, Tier.Township), Is.Null);
            Assert.That(EscalationLadder.HandlingUnit(broken, Tier.County), Is.EqualTo(County));
        });
    }
}
