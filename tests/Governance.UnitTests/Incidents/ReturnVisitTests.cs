using NUnit.Framework;
using Governance.Contracts;
using Governance.Incidents.Model;

namespace Governance.UnitTests.Incidents;

public sealed class ReturnVisitTests
{
    private static readonly DateTimeOffset Sent = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static ReturnVisit Visit(string state, DateTimeOffset? expires) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), state, Sent, Sent, expires, null, null);

    [Test]
    public void A_token_is_32_url_safe_characters_of_192_random_bits_and_never_repeats()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => ReturnVisitToken.New()).ToList();
        Assert.That(tokens, Is.All.Length.EqualTo(ReturnVisitToken.Length).And.All.Match("^[A-Za-z0-9_-]+$"));
        Assert.That(tokens.Distinct().Count(), Is.EqualTo(200));
        Assert.That(tokens.All(ReturnVisitToken.IsWellFormed));
    }

    [Test]
    public void Only_the_hash_of_a_token_is_kept_and_logs_show_its_first_characters()
    {
        var token = ReturnVisitToken.New();
        Assert.That(ReturnVisitToken.Hash(token), Has.Length.EqualTo(64).And.Not.Contain(token));
        Assert.That(ReturnVisitToken.Hash(token), Is.EqualTo(ReturnVisitToken.Hash(token)));
        Assert.That(ReturnVisitToken.Hash(token), Is.Not.EqualTo(ReturnVisitToken.Hash(ReturnVisitToken.New())));
        Assert.That(ReturnVisitToken.ForLog(token), Is.EqualTo(token[..4] + "…"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("short")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("AAAAAAAAAAAAAAAA/AAAAAAAAAAAAAAA")]
    public void What_cannot_be_a_token_is_refused_before_any_query(string? token) =>
        Assert.That(ReturnVisitToken.IsWellFormed(token), Is.False);

    [Test]
    public void An_open_link_answers_until_it_expires_and_never_once_used_or_voided()
    {
        var expires = Sent.AddDays(7);
        Assert.That(Visit(ReturnVisitState.Open, expires).RefusalAt(expires.AddTicks(-1)), Is.Null);
        Assert.That(Visit(ReturnVisitState.Open, expires).RefusalAt(expires), Is.EqualTo(ReturnVisitRefusal.Expired));
        Assert.That(Visit(ReturnVisitState.Open, null).RefusalAt(Sent), Is.EqualTo(ReturnVisitRefusal.Expired), "not sent yet: no link exists");
        Assert.That(Visit(ReturnVisitState.Answered, expires).RefusalAt(Sent), Is.EqualTo(ReturnVisitRefusal.Used));
        Assert.That(Visit(ReturnVisitState.Voided, expires).RefusalAt(Sent), Is.EqualTo(ReturnVisitRefusal.Voided));
    }

    [Test]
    public void Dissatisfied_is_not_solved_and_the_others_close_the_case()
    {
        Assert.That(ReturnVisit.ResultOf(Satisfaction.Dissatisfied), Is.EqualTo(VerificationResult.NotSolved));
        Assert.That(ReturnVisit.ResultOf(Satisfaction.BasicallySatisfied), Is.EqualTo(VerificationResult.Solved));
        Assert.That(ReturnVisit.ResultOf(Satisfaction.Satisfied), Is.EqualTo(VerificationResult.Solved));
        Assert.That(ReturnVisit.Describe(Satisfaction.BasicallySatisfied), Is.EqualTo("群众回访：基本满意"));
    }
}
