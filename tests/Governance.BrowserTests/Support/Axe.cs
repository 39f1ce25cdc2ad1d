using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Governance.BrowserTests.Support;

/// <summary>
/// axe-core run in the page as it is now (issue #17 item 8). Only serious and critical findings fail a test;
/// each is one line naming the page, the rule, its impact and the element's selector, so a failure says where
/// to look without a second run. No rule is switched off: a page that cannot meet one is fixed, not excused.
/// </summary>
/// <remarks>
/// axe-core's own script (Deque.AxeCore.Commons bundles it) is put into the page once per document and run there
/// with <c>axe.run</c>; only the failing findings come back. Deque.AxeCore.Playwright's <c>RunAxe</c> did the same
/// work at two to three times the cost: it injected the 500 KB script again on every check and finished each run in
/// a blank page of its own (meant for cross-origin frames, which these pages do not have) — with about a hundred
/// checks a run, minutes of Chromium's time in CI.
/// </remarks>
public static class Axe
{
    private static readonly string Source = new BundledAxeScriptProvider().GetScript();

    /// <summary>
    /// The page without its hidden tab panels. A panel that is not shown is out of the accessibility tree and axe
    /// finds nothing in it, but it still walked it: on the county's page, whose other tabs keep their tables in the
    /// page, that was most of each run's several seconds. A tab's panel is checked when its tab is shown.
    /// Only violations come back (not the passes of every rule), and of those only the serious and critical.
    /// </summary>
    private const string Run = """
        async () => {
          const result = await axe.run({ exclude: ['[role=tabpanel][hidden]'] }, { resultTypes: ['violations'] });
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .flatMap(v => v.nodes.map(n => ({ id: v.id, impact: v.impact, help: v.help, target: n.target.join(' '), html: n.html })));
        }
        """;

    /// <summary>One element breaking one rule, as the page hands it back (Playwright fills it by its properties' names).</summary>
    private sealed class Finding
    {
        public string Id { get; set; } = "";
        public string Impact { get; set; } = "";
        public string Help { get; set; } = "";
        public string Target { get; set; } = "";
        public string Html { get; set; } = "";
    }

    /// <summary>The serious and critical violations on the page, one line per rule and element, under <paramref name="where"/>.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync($"() => {{ {Source}\n}}");
        var found = await page.EvaluateAsync<Finding[]>(Run);
        return found.Select(f => $"[{where}] {f.Id} ({f.Impact}) at {f.Target}: {f.Help}. {Shorter(f.Html)}").ToList();
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
