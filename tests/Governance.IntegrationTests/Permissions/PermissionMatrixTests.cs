using System.Diagnostics;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Permissions;

/// <summary>
/// The permission matrix over HTTP (issue #11, "Tests"): every action × every relation × every role of
/// expected-permissions.txt — a file written by hand from the table of docs/permissions.md, not from the model — probed
/// against the real API in standalone mode. Allowed answers 2xx, refused answers 403 or 404 exactly as
/// the file says, and a refused request leaves the case (and Dispatch's assignment) as it was. One test
/// per action, so a reader sees which actions hold; the summary (action × relation) is printed at the end.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PermissionMatrixTests
{
    private StandaloneEnvironment _environment = null!;
    private CaseApi _api = null!;
    private MatrixRunner _runner = null!;
    private readonly ExpectedPermissions _expected = ExpectedPermissions.Load();
    private readonly List<ProbeResult> _all = [];
    private readonly Stopwatch _clock = new();

    public static IEnumerable<string> Actions => ExpectedPermissions.Actions;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _clock.Start();
        _environment = await StandaloneEnvironment.StartAsync();
        _api = CaseApi.Standalone(_environment.Host.Http.BaseAddress!);
        var departments = await MatrixDepartments.LoadAsync(_api);
        _runner = new MatrixRunner(_api, new ProbeCases(_api, departments), departments, _expected);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        TestContext.Progress.WriteLine(MatrixSummary.Table(_all, $"standalone, {_clock.Elapsed.TotalSeconds:0} s"));
        _api.Dispose();
        await _environment.DisposeAsync();
    }

    [TestCaseSource(nameof(Actions))]
    public async Task Every_role_in_every_relation_gets_the_expected_answer(string action)
    {
        var results = await _runner.RunAsync(action, _expected.Cells);
        lock (_all) _all.AddRange(results);
        var wrong = results.Where(r => r.Mismatch is not null).ToList();
        TestContext.Out.WriteLine($"{action}: {results.Count} probes, {wrong.Count} not as expected");
        Assert.That(results, Is.Not.Empty, "an action with nothing probed");
        Assert.That(wrong, Is.Empty, $"{action}: answers that differ from {ExpectedPermissions.FileName}:\n{string.Join("\n", wrong)}");
    }
}
