using Governance.Contracts;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>包案 in the permission table: who may take a case in hand, and that the sign-off is the leader's alone.</summary>
[TestFixture]
public class InHandPermissionTests
{
    private static readonly ChainUnit Courtyard = new("C", UnitLevel.Courtyard);
    private static readonly ChainUnit Grid = new("G", UnitLevel.Grid);
    private static readonly ChainUnit Village = new("V", UnitLevel.Village);
    private static readonly ChainUnit Township = new("T", UnitLevel.Township);
    private static readonly ChainUnit County = new("K", UnitLevel.County);
    private static readonly ChainUnit[] Place = [Courtyard, Grid, Village, Township, County];

    private static CaseFacts OnVillageTier(string? inHandOf = null) =>
        new(Place, Tier.Village, [Village, Township, County], new HashSet<string> { "reporter" }, Grade.III, InHandOf: inHandOf);

    private static Person Leader(string id, params string[] linkedTo) => new(id, [], ["elsewhere"], LeaderUnits: linkedTo);

    private static Person Supervisor(string id) => new(id, [Roles.CountySupervisor], [County.Code]);

    [Test]
    public void A_leader_linked_to_the_place_takes_it_in_hand_and_one_linked_elsewhere_does_not_see_it()
    {
        Assert.That(Authority.Decide(Leader("l", Township.Code), OnVillageTier(), CaseAction.TakeInHand), Is.EqualTo(Decision.Allow));
        Assert.That(Authority.Decide(Leader("l", "another-township"), OnVillageTier(), CaseAction.TakeInHand), Is.EqualTo(Decision.Hide));
        Assert.That(Authority.Decide(Supervisor("s"), OnVillageTier(), CaseAction.TakeInHand), Is.EqualTo(Decision.Allow));
        Assert.That(Authority.Decide(new Person("g", [Roles.GridWorker], [Grid.Code]), OnVillageTier(), CaseAction.TakeInHand),
            Is.InstanceOf<Decision.Forbidden>());
    }

    [Test]
    public void Only_the_leader_who_took_it_in_hand_signs_it_off()
    {
        var facts = OnVillageTier(inHandOf: "l");
        Assert.That(Authority.Decide(Leader("l", Township.Code), facts, CaseAction.SignOff), Is.EqualTo(Decision.Allow));
        Assert.That(Authority.Decide(Leader("other", Township.Code), facts, CaseAction.SignOff), Is.InstanceOf<Decision.Forbidden>());
        Assert.That(Authority.Decide(Supervisor("s"), facts, CaseAction.SignOff), Is.InstanceOf<Decision.Forbidden>());
        Assert.That(Authority.Decide(Leader("l", Township.Code), OnVillageTier(), CaseAction.SignOff), Is.InstanceOf<Decision.Forbidden>(),
            "nobody signs off a case nobody took in hand");
    }

    [Test]
    public void The_leader_who_took_it_in_hand_does_not_verify_it_himself()
    {
        // Probe: a county supervisor took a case in hand, verified it himself and signed it off: one person's word twice.
        var facts = OnVillageTier(inHandOf: "s");
        Assert.That(Authority.Decide(Supervisor("s"), facts, CaseAction.Verify), Is.InstanceOf<Decision.Forbidden>());
        Assert.That(Authority.Decide(Supervisor("s2"), facts, CaseAction.Verify), Is.EqualTo(Decision.Allow), "another supervisor verifies");
    }

    [Test]
    public void A_county_supervisor_keeps_his_sign_off_when_the_case_came_up_to_his_own_tier()
    {
        var atCounty = new CaseFacts(Place, Tier.County, [County], new HashSet<string>(), Grade.III, InHandOf: "s");
        Assert.That(Authority.Decide(Supervisor("s"), atCounty, CaseAction.SignOff), Is.EqualTo(Decision.Allow));
        Assert.That(Authority.Decide(Supervisor("s2"), atCounty, CaseAction.SignOff), Is.InstanceOf<Decision.Forbidden>());
    }
}
