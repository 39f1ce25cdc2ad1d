using Governance.Contracts;
using Governance.Grids.Handling;
using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

[TestFixture]
public class StaffRolesAndUnitTreeTests
{
    [Test]
    public void The_first_releases_grid_worker_code_reads_as_full_time_and_filters_both_kinds()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StaffRoles.Normalise("grid-worker"), Is.EqualTo(StaffRoles.GridWorkerFullTime));
            Assert.That(StaffRoles.Matching("grid-worker"), Is.EquivalentTo(new[] { StaffRoles.GridWorkerFullTime, StaffRoles.GridWorkerPartTime }));
            Assert.That(StaffRoles.Matching(StaffRoles.Mediator), Is.EqualTo(new[] { StaffRoles.Mediator }));
        });
    }

    [Test]
    public void All_twelve_roles_are_known_and_an_invented_one_is_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StaffRoles.All, Has.Count.EqualTo(12));
            Assert.That(StaffRoles.Normalise("village-chief"), Is.Null);
        });
    }

    [TestCase(StaffRoles.GridWorkerFullTime, UnitLevel.Grid, true)]
    [TestCase(StaffRoles.GridWorkerPartTime, UnitLevel.Village, false)]
    [TestCase(StaffRoles.CourtyardLead, UnitLevel.Courtyard, true)]
    [TestCase(StaffRoles.TownshipDispatcher, UnitLevel.Village, false)]
    [TestCase(StaffRoles.DepartmentHandler, UnitLevel.County, true)]
    [TestCase(StaffRoles.CountySupervisor, UnitLevel.Township, false)]
    [TestCase(StaffRoles.GridHead, UnitLevel.Village, true)]
    [TestCase(StaffRoles.CountyDispatcher, UnitLevel.County, true)]
    [TestCase(StaffRoles.HotlineOperator, UnitLevel.Township, false)]
    public void A_role_is_held_only_on_its_levels(string role, UnitLevel level, bool held)
    {
        Assert.That(StaffRoles.IsHeldOn(role, level), Is.EqualTo(held));
    }

    [Test]
    public void Every_staff_role_is_a_role_code_the_tokens_and_the_permission_model_use()
    {
        var shared = typeof(Governance.Infrastructure.Security.Roles).GetFields()
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.That(StaffRoles.All, Is.SubsetOf(shared));
    }

    private static Unit U(UnitLevel level, bool retired = false) =>
        new("x", "x", level, null, 1, retired ? DateTimeOffset.UnixEpoch : null);

    [Test]
    public void A_unit_belongs_exactly_one_level_below_its_parent()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UnitChanges.WhyNotParent(UnitLevel.Courtyard, U(UnitLevel.Grid), "x"), Is.Null);
            Assert.That(UnitChanges.WhyNotParent(UnitLevel.Grid, U(UnitLevel.Village), "x"), Is.Null);
            Assert.That(UnitChanges.WhyNotParent(UnitLevel.Courtyard, U(UnitLevel.Village), "x")?.En, Does.Contain("belongs under a grid"));
            Assert.That(UnitChanges.WhyNotParent(UnitLevel.Grid, U(UnitLevel.Courtyard), "x")?.En, Does.Contain("belongs under a village"));
        });
    }

    [Test]
    public void A_retired_or_unknown_parent_takes_no_children()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UnitChanges.WhyNotParent(UnitLevel.Courtyard, U(UnitLevel.Grid, retired: true), "x")?.En, Does.Contain("retired"));
            Assert.That(UnitChanges.WhyNotParent(UnitLevel.Courtyard, null, "x")?.En, Does.Contain("not a known unit"));
        });
    }
}
