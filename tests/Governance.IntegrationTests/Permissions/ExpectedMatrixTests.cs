using System.Text;

namespace Governance.IntegrationTests.Permissions;

/// <summary>
/// The hand-written matrix itself: it reads, it names every action, and expanded it gives every
/// action × relation × role an answer. The expansion is printed, one table per action, so a reader can
/// hold it against the table of docs/permissions.md without running the API.
/// </summary>
public sealed class ExpectedMatrixTests
{
    [Test]
    public void The_file_gives_every_action_relation_and_role_an_answer()
    {
        var expected = ExpectedPermissions.Load();
        var text = new StringBuilder();
        foreach (var action in ExpectedPermissions.Actions)
        {
            text.AppendLine($"== {action}");
            text.Append($"{"",-12}");
            foreach (var role in ExpectedPermissions.Roles) text.Append($"{Short(role),-10}");
            text.AppendLine();
            foreach (var relation in ExpectedPermissions.Relations)
            {
                text.Append($"{relation,-12}");
                foreach (var role in ExpectedPermissions.Roles)
                {
                    var answers = ExpectedPermissions.Tiers.Select(t => (Tier: t, Answer: expected.Expect(action, new Cell(relation, role, t))))
                        .Where(a => expected.Cells.Contains(new Cell(relation, role, a.Tier))).ToList();
                    var shown = answers.Count == 0 ? "n/a" : string.Join(",", answers.Select(a => ExpectedPermissions.Show(a.Answer)).Distinct());
                    text.Append($"{shown,-10}");
                }
                text.AppendLine();
            }
        }
        TestContext.Out.WriteLine(text);

        // Every role is somewhere in the matrix, every relation has people, and reading is allowed to
        // every relation but none: a floor against a file that lost its lines.
        Assert.That(ExpectedPermissions.Roles.Where(r => expected.Cells.All(c => c.Role != r)), Is.Empty);
        Assert.That(ExpectedPermissions.Relations.Where(r => expected.Cells.All(c => c.Relation != r)), Is.Empty);
        Assert.That(expected.Cells.Where(c => c.Relation != "none" && expected.Expect("read", c) != Answer.Allow), Is.Empty);
        Assert.That(expected.Cells.Where(c => c.Relation == "none").Select(c => expected.Expect("accept", c)), Is.All.EqualTo(Answer.NotFound));
    }

    [Test]
    public void A_word_the_file_does_not_know_fails_loudly()
    {
        Assert.That(() => ExpectedPermissions.Parse(["relation holder grid-workr@courtyard"]), Throws.TypeOf<FormatException>().With.Message.Contains("grid-workr"));
        Assert.That(() => ExpectedPermissions.Parse(["resolv holder"]), Throws.TypeOf<FormatException>().With.Message.Contains("resolv"));
    }

    private static string Short(string role) => string.Concat(role.Split('-').Select(w => w[0]));
}
