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
