using Governance.Incidents.Model;
using NUnit.Framework;
using static Governance.Incidents.Model.IncidentAction;
using static Governance.Incidents.Model.IncidentStatus;

namespace Governance.UnitTests.Incidents;

[TestFixture]
public class IncidentLifecycleTests
{
    private static readonly IncidentStatus? NotAllowed = null;

    /// <summary>
    /// The whole state machine, written out by hand: every status × action, and where it leads
    /// (null: not allowed now). Columns follow <see cref="IncidentStatus"/>'s order.
    /// </summary>
    private static readonly Dictionary<IncidentAction, IncidentStatus?[]> Table = new()
    {
        //                                   Filed       Assigned    Accepted    Resolved    Reopened    Closed      Merged      Triage      Verified
        [Route] =                          [Assigned,   Assigned,   Accepted,   NotAllowed, Reopened,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [Escalate] =                       [Assigned,   Assigned,   Assigned,   NotAllowed, Assigned,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [Return] =                         [Assigned,   Assigned,   Assigned,   NotAllowed, Assigned,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [FlagOverdue] =                    [NotAllowed, Assigned,   Accepted,   NotAllowed, Reopened,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [Accept] =                         [NotAllowed, Accepted,   NotAllowed, NotAllowed, Accepted,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [Resolve] =                        [Resolved,   Resolved,   Resolved,   NotAllowed, Resolved,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [RequestEscalation] =              [NotAllowed, Assigned,   Accepted,   NotAllowed, Reopened,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [Regrade] =                        [Filed,      Assigned,   Accepted,   NotAllowed, Reopened,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [VerifySolved] =                   [NotAllowed, NotAllowed, NotAllowed, Closed,     NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [VerifyPartlySolved] =             [NotAllowed, NotAllowed, NotAllowed, Reopened,   NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [VerifyNotSolved] =                [NotAllowed, NotAllowed, NotAllowed, Reopened,   NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [Merge] =                          [Merged,     Merged,     Merged,     NotAllowed, Merged,     NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [Mediate] =                        [NotAllowed, Assigned,   Accepted,   NotAllowed, Reopened,   NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        // 包案: "solved" on a case in a leader's hand waits for his sign-off; the sign-off closes it.
        [VerifySolvedInHand] =             [NotAllowed, NotAllowed, NotAllowed, Verified,   NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed],
        [SignOff] =                        [NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed, Closed],
        // 分拨: only a call waiting in triage is placed, and then it is filed (routed like any case).
        [Place] =                          [NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed, NotAllowed, Filed, NotAllowed],
    };

    private static readonly IncidentStatus[] Columns = [Filed, Assigned, Accepted, Resolved, Reopened, Closed, Merged, Triage, Verified];

    private static IEnumerable<TestCaseData> EveryStatusAndAction()
    {
        foreach (var action in Enum.GetValues<IncidentAction>())
        {
            var row = Table[action];
            foreach (var status in Enum.GetValues<IncidentStatus>())
            {
                var expected = row[Array.IndexOf(Columns, status)];
                yield return new TestCaseData(status, action, expected)
                    .SetName($"{action}_from_{status}_{(expected is null ? "is_not_allowed" : $"leads_to_{expected}")}");
            }
        }
    }

    [TestCaseSource(nameof(EveryStatusAndAction))]
    public void Next_follows_the_state_table(IncidentStatus status, IncidentAction action, IncidentStatus? expected)
    {
        Assert.That(IncidentLifecycle.Next(status, action), Is.EqualTo(expected));
    }

    [Test]
    public void The_table_covers_every_status_and_action()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Table.Keys, Is.EquivalentTo(Enum.GetValues<IncidentAction>()));
            Assert.That(Columns, Is.EquivalentTo(Enum.GetValues<IncidentStatus>()));
            Assert.That(Table.Values.Select(row => row.Length), Has.All.EqualTo(Columns.Length));
            Assert.That(EveryStatusAndAction().Count(), Is.EqualTo(Enum.GetValues<IncidentAction>().Length * Enum.GetValues<IncidentStatus>().Length));
        });
    }

    // The named rules, spelled out on their own so a failure reads as a sentence.

    [Test]
    public void Resolve_from_filed_is_allowed_for_on_the_spot_handling()
    {
        Assert.That(IncidentLifecycle.Next(Filed, Resolve), Is.EqualTo(Resolved));
    }

    [Test]
    public void Accept_from_filed_is_not_allowed_before_routing()
    {
        Assert.That(IncidentLifecycle.Next(Filed, Accept), Is.Null);
    }

    [Test]
    public void Verify_not_solved_from_resolved_reopens()
    {
        Assert.That(IncidentLifecycle.Next(Resolved, VerifyNotSolved), Is.EqualTo(Reopened));
    }

    [Test]
    public void Verify_solved_from_resolved_closes()
    {
        Assert.That(IncidentLifecycle.Next(Resolved, VerifySolved), Is.EqualTo(Closed));
    }

    [TestCase(Resolved)]
    [TestCase(Closed)]
    public void Escalate_from_a_finished_status_is_not_allowed(IncidentStatus status)
    {
        Assert.That(IncidentLifecycle.Next(status, Escalate), Is.Null);
    }

    [Test]
    public void A_case_in_hand_verified_solved_does_not_close_before_the_sign_off()
    {
        Assert.That(IncidentLifecycle.Next(Resolved, InHandRules.VerifiedSolved(inHand: true)), Is.EqualTo(Verified));
        Assert.That(IncidentLifecycle.Next(Resolved, InHandRules.VerifiedSolved(inHand: false)), Is.EqualTo(Closed));
        Assert.That(IncidentLifecycle.Next(Resolved, SignOff), Is.Null, "signed off before verification");
        Assert.That(IncidentLifecycle.Next(Verified, SignOff), Is.EqualTo(Closed));
    }

    [Test]
    public void A_case_waiting_for_the_sign_off_takes_no_other_step()
    {
        Assert.That(Enum.GetValues<IncidentAction>().Where(a => IncidentLifecycle.Next(Verified, a) is not null), Is.EqualTo(new[] { SignOff }));
    }

    [TestCase(Filed, true)]
    [TestCase(Assigned, true)]
    [TestCase(Accepted, true)]
    [TestCase(Resolved, true)]
    [TestCase(Reopened, true)]
    [TestCase(Verified, false)]
    [TestCase(Closed, false)]
    [TestCase(Merged, false)]
    [TestCase(Triage, false)]
    public void A_case_is_taken_in_hand_while_placed_and_not_settled(IncidentStatus status, bool mayTake)
    {
        Assert.That(InHandRules.MayTake(status), Is.EqualTo(mayTake));
    }

    [Test]
    public void Route_from_filed_assigns()
    {
        Assert.That(IncidentLifecycle.Next(Filed, Route), Is.EqualTo(Assigned));
    }

    [Test]
    public void Route_from_accepted_stays_accepted()
    {
        Assert.That(IncidentLifecycle.Next(Accepted, Route), Is.EqualTo(Accepted));
    }

    [Test]
    public void Closed_is_terminal()
    {
        Assert.That(Enum.GetValues<IncidentAction>().Select(a => IncidentLifecycle.Next(Closed, a)), Has.All.Null);
    }

    [Test]
    public void An_undefined_action_is_not_allowed()
    {
        Assert.That(IncidentLifecycle.Next(Assigned, (IncidentAction)99), Is.Null);
    }
}
