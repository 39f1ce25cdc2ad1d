using NUnit.Framework;
using Governance.Contracts;
using Governance.Grids.Handling;
using NetTopologySuite.Operation.Valid;

namespace Governance.UnitTests.Grids;

/// <summary>A Chinese message names levels and geometry faults in Chinese (the second outside probe read
/// "grid-head 在grid or village值班" and the geometry library's "Self-intersection" in Chinese sentences).</summary>
public sealed class GridsTextsTests
{
    [Test]
    public void Where_a_role_is_held_is_said_in_Chinese_with_each_levels_code_beside_it()
    {
        var text = GridsTexts.RoleLevel("grid-head", [UnitLevel.Grid, UnitLevel.Village], "500101001000", UnitLevel.Township);

        Assert.Multiple(() =>
        {
            Assert.That(text.Zh, Is.EqualTo("“grid-head”在网格（grid）或村/社区（village）值班；“500101001000”是乡镇/街道（township）。"));
            Assert.That(text.En, Is.EqualTo("a grid-head is on duty at a grid or village; '500101001000' is a township."));
        });
    }

    [Test]
    public void Where_a_unit_belongs_is_said_in_Chinese()
    {
        var text = GridsTexts.BelongsUnder(UnitLevel.Village, UnitLevel.Township, "500101001001", UnitLevel.Village);

        Assert.That(text.Zh, Is.EqualTo("村/社区（village）应隶属于乡镇/街道（township）；“500101001001”是村/社区（village）。"));
    }

    [Test]
    public void A_geometry_fault_is_said_in_Chinese_and_in_the_libraries_words_in_English()
    {
        var text = GridsTexts.GeometryNotValid("Self-intersection", TopologyValidationErrors.SelfIntersection, 106.5, 29.5);

        Assert.Multiple(() =>
        {
            Assert.That(text.Zh, Does.Contain("边界自相交").And.Not.Contain("Self-intersection"));
            Assert.That(text.En, Does.Contain("Self-intersection"));
        });
    }
}
