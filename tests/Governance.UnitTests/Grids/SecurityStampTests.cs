using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>A person's security stamp changes with exactly what his token claims: role, home unit,
/// department — not with his name, phone or ID number (docs/sessions.md).</summary>
[TestFixture]
public class SecurityStampTests
{
    private static readonly StaffMember Person = new("p1", "张三", StaffRoles.TownshipDispatcher, "500101001000", "13800000000");

    [Test]
    public void A_change_of_role_unit_or_department_changes_the_stamp()
    {
        var stamp = SecurityStamp.Of(Person);
        Assert.That(SecurityStamp.Of(Person with { Role = StaffRoles.Mediator }), Is.Not.EqualTo(stamp));
        Assert.That(SecurityStamp.Of(Person with { UnitCode = "500101002000" }), Is.Not.EqualTo(stamp));
        Assert.That(SecurityStamp.Of(Person with { DepartmentId = Guid.NewGuid() }), Is.Not.EqualTo(stamp));
    }

    [Test]
    public void A_leader_post_changes_the_stamp_with_its_linked_units_and_no_post_keeps_the_old_one()
    {
        var stamp = SecurityStamp.Of(Person);
        var leader = Person with { Leader = new LeaderPost(LeaderPostKind.TownshipCommittee, ["500101001001"]) };
        Assert.That(SecurityStamp.Of(leader), Is.Not.EqualTo(stamp), "his token now claims a linked unit");
        Assert.That(SecurityStamp.Of(leader with { Leader = new LeaderPost(LeaderPostKind.TownshipCommittee, ["500101001002"]) }),
            Is.Not.EqualTo(SecurityStamp.Of(leader)), "another linked unit");
        Assert.That(SecurityStamp.Of(Person.Role, Person.UnitCode, null), Is.EqualTo(stamp), "a person without a post keeps the stamp he had before posts existed");
    }

    [Test]
    public void Details_that_no_token_claims_keep_the_stamp()
    {
        var stamp = SecurityStamp.Of(Person);
        Assert.That(SecurityStamp.Of(Person with { Name = "李四", Phone = null, IdNumber = "x", Version = 9 }), Is.EqualTo(stamp));
    }

    [Test]
    public void Fields_cannot_run_into_each_other()
    {
        Assert.That(SecurityStamp.Of("a", "bc", null), Is.Not.EqualTo(SecurityStamp.Of("ab", "c", null)));
    }
}
