using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Governance.BrowserTests.Support;

/// <summary>
/// axe-core run in the page as it is now (issue #17 item 8). Only serious and critical findings fail a test;
/// each is one line naming the page, the rule, its impact and the element's selector, so a failure says where
/// to look without a second run. No rule is switched off: a page that cannot meet one is fixed, not excused.
/// </summary>
public static class Axe
{
    private static readonly HashSet<string> Failing = ["serious", "critical"];

    private static readonly AxeRunOptions Options = new()
    {
        // Only what fails is needed; the passes of every rule would make each run slower to read back.
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>The page without its hidden tab panels. A panel that is not shown is out of the accessibility tree and
    /// axe finds nothing in it, but it still walked it: on the county's page, whose other tabs keep their tables in
    /// the page, that was most of each run's several seconds. A tab's panel is checked when its tab is shown.</summary>
    private static readonly AxeRunContext ShownPanelsOnly = new()
    {
        Exclude = [new AxeSelector("[role=tabpanel][hidden]")],
    };

    /// <summary>The serious and critical violations on the page, one line per rule and element, under <paramref name="where"/>.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(ShownPanelsOnly, Options);
        return result.Violations.Where(v => v.Impact is not null && Failing.Contains(v.Impact))
            .SelectMany(v => v.Nodes.Select(n => $"[{where}] {v.Id} ({v.Impact}) at {n.Target}: {v.Help}. {Shorter(n.Html)}"))
            .ToList();
    }

    /// <summary>Fails the test on any serious or critical violation on the page as it is now.</summary>
    public static async Task CheckAsync(IPage page, string where)
    {
        var found = await ViolationsAsync(page, where);
        Assert.That(found, Is.Empty, Report(found));
    }

    /// <summary>The message of a failed check: every finding on a line of its own.</summary>
    public static string Report(IEnumerable<string> found) =>
        "axe found serious or critical violations:" + Environment.NewLine + string.Join(Environment.NewLine, found);

    private static string Shorter(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
