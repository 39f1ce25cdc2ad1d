using Governance.Incidents.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>A reason the system gives is stored as codes (the pages render them in zh-CN or English); a row written
/// before the codes holds English text and is shown as it is.</summary>
[TestFixture]
public sealed class CodedReasonTests
{
    [Test]
    public void A_coded_reason_reads_back_as_it_was_stored_and_speaks_the_English_the_API_always_gave()
    {
        var reason = new CodedReason(CodedReason.Triage,
            [new("outside-grids"), new("alias-unknown", "address_string", "外县某村"), new("alias-ambiguous", "address_id", "2")]);
        var stored = reason.Stored();
        Assert.That(stored, Does.StartWith("code:").And.Contain("外县某村"), "readable in the database, not \\u-escaped");
        var back = CodedReason.FromStored(stored)!;
        Assert.That(back.Code, Is.EqualTo(reason.Code));
        Assert.That(back.Parts, Is.EqualTo(reason.Parts));
        Assert.That(back.English(), Is.EqualTo("waits for a county dispatcher (待分拨): its location lies outside every grid; "
            + "its address_string '外县某村' is no unit's registered alias; its address_id is an alias of 2 units at the moment"));
    }

    [TestCase("waits for a county dispatcher (待分拨): its location lies outside every grid", TestName = "An old row's English text")]
    [TestCase("code: not json", TestName = "Text that merely starts like codes")]
    [TestCase(null, TestName = "No reason")]
    public void Text_that_is_no_coded_reason_is_none(string? stored) => Assert.That(CodedReason.FromStored(stored), Is.Null);

    [Test]
    public void A_placement_by_location_and_by_alias_read_as_before()
    {
        Assert.That(new CodedReason(CodedReason.PlacedByLocation, [new("location", Value: "30.52, 108.07")]).English(),
            Is.EqualTo("placed by its location (30.52, 108.07)"));
        Assert.That(new CodedReason(CodedReason.PlacedByAlias, [new("alias", "address_string", "幸福小区")]).English(),
            Is.EqualTo("placed by its address_string '幸福小区', an alias of the unit"));
    }
}
