using Governance.Contracts;
using Governance.Incidents.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

[TestFixture]
public class Order493Tests
{
    [TestCase(0, 0, 0L, Grade.IV)]
    [TestCase(2, 9, 9_999_999L, Grade.IV)]
    [TestCase(3, 0, 0L, Grade.III)]
    [TestCase(0, 10, 0L, Grade.III)]
    [TestCase(0, 0, 10_000_000L, Grade.III)]
    [TestCase(10, 0, 0L, Grade.II)]
    [TestCase(0, 50, 0L, Grade.II)]
    [TestCase(0, 0, 50_000_000L, Grade.II)]
    [TestCase(29, 99, 99_999_999L, Grade.II)]
    [TestCase(30, 0, 0L, Grade.I)]
    [TestCase(0, 100, 0L, Grade.I)]
    [TestCase(0, 0, 100_000_000L, Grade.I)]
    public void Any_one_figure_crossing_a_band_sets_the_grade(int deaths, int injured, long loss, Grade expected)
    {
        Assert.That(Order493.GradeFor(new Casualties(deaths, injured, loss)), Is.EqualTo(expected));
    }

    [Test]
    public void Grade_I_is_the_most_severe()
    {
        Assert.That(Order493.MoreSevere(Grade.I, Grade.II), Is.True);
        Assert.That(Order493.MoreSevere(Grade.IV, Grade.III), Is.False);
        Assert.That(Order493.MoreSevere(Grade.III, Grade.III), Is.False);
    }
}
