using Governance.Contracts;
using Governance.Incidents.Model;
using Governance.Incidents.Open311;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

[TestFixture]
public class Open311StatusTests
{
    [TestCase(IncidentStatus.Filed, "open")]
    [TestCase(IncidentStatus.Assigned, "open")]
    [TestCase(IncidentStatus.Accepted, "open")]
    [TestCase(IncidentStatus.Resolved, "open")]
    [TestCase(IncidentStatus.Reopened, "open")]
    [TestCase(IncidentStatus.Verified, "open")]
    [TestCase(IncidentStatus.Closed, "closed")]
    public void Each_case_status_maps_to_the_spec_s_open_or_closed(IncidentStatus status, string expected) =>
        Assert.That(Open311Status.Of(status), Is.EqualTo(expected));

    [Test]
    public void Every_case_status_has_an_Open311_status_and_notes() =>
        Assert.Multiple(() =>
        {
            foreach (var status in Enum.GetValues<IncidentStatus>())
            {
                Assert.That(Open311Status.Of(status), Is.AnyOf("open", "closed"), status.ToString());
                Assert.That(Open311Status.Notes(status, Tier.Village, flaggedOverdue: false), Is.Not.Empty, status.ToString());
            }
        });

    [Test]
    public void A_resolved_case_is_still_open_because_only_verification_closes_it() =>
        Assert.That(Open311Status.Of(IncidentStatus.Resolved), Is.EqualTo("open"));

    [Test]
    public void The_filter_words_select_the_statuses_behind_them()
    {
        Assert.That(Open311Status.StatusesOf("closed"), Is.EqualTo(new[] { IncidentStatus.Closed, IncidentStatus.Merged }));
        Assert.That(Open311Status.StatusesOf("open"), Is.EquivalentTo(Enum.GetValues<IncidentStatus>().Except([IncidentStatus.Closed, IncidentStatus.Merged])));
        Assert.That(Open311Status.StatusesOf("pending"), Is.Empty);
    }

    [Test]
    public void Status_notes_tell_the_tier_and_an_overdue_flag_but_not_on_a_closed_case()
    {
        Assert.That(Open311Status.Notes(IncidentStatus.Assigned, Tier.Township, flaggedOverdue: false), Is.EqualTo("已派遣至乡镇（街道）办理。"));
        Assert.That(Open311Status.Notes(IncidentStatus.Accepted, Tier.County, flaggedOverdue: true), Does.EndWith("已超期，区县督办中。"));
        Assert.That(Open311Status.Notes(IncidentStatus.Closed, Tier.County, flaggedOverdue: true), Is.EqualTo("已核查结案。"));
    }
}
