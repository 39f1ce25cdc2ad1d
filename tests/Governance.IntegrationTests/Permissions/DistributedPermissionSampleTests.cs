using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Permissions;

/// <summary>
/// A sample of the permission matrix in distributed mode — Grids, Incidents and Dispatch each in its
/// own process, over RabbitMQ, each with its PostgreSQL database — checked against the same
/// expected-permissions.txt as the full run in standalone mode: the decision must not depend on how the
/// services are deployed (a token read by another process, relations from copies kept by messages).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DistributedPermissionSampleTests
{
    /// <summary>The sample: (action, cell). Answers come from the file, not from here.</summary>
    private static readonly (string Action, Cell Cell)[] Sample =
    [
        ("resolve", new Cell("place", "grid-worker-full-time", "county")),      // a grid worker resolves a county case
        ("verify", new Cell("place", "grid-worker-full-time", "village")),      // the grid worker of the place verifies
        ("accept", new Cell("holder", "township-dispatcher", "township")),      // the township centre accepts its case
        ("resolve", new Cell("holder", "village-handler", "village")),
        ("note", new Cell("leader", "township-dispatcher", "village")),          // a leader urges, he does not handle
        ("read", new Cell("none", "grid-worker-full-time", "village")),          // township 2's grid worker: no such case
        ("read", new Cell("department", "department-handler", "township")),     // a co-handler called in
        ("call-in-departments", new Cell("holder", "township-dispatcher", "township")),
        ("move-up", new Cell("holder", "grid-worker-full-time", "courtyard")),  // below the township a holder asks
    ];

    private PostgresRabbitEnvironment _environment = null!;
    private ServiceProcesses _services = null!;
    private CaseApi _api = null!;
    private MatrixRunner _runner = null!;
    private readonly ExpectedPermissions _expected = ExpectedPermissions.Load();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _environment = await PostgresRabbitEnvironment.CreateAsync("matrix");
        var settings = _environment.Settings();
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Incidents:Intake:PermitsPerMinute"] = "1000000";
        _services = await ServiceProcesses.StartAsync(settings);
        _api = CaseApi.Distributed(_services.Grids.Address, _services.Incidents.Address, _services.Dispatch.Address);
        // Incidents and Dispatch learn the units (and Dispatch the departments) from Grids over RabbitMQ.
        await Eventually.GetAsync(async () => await (await _api.PostAsync("/incidents", new { unitCode = Demo.Grid })).Content.ReadAsStringAsync(),
            body => !body.Contains("not a known unit"), TimeSpan.FromSeconds(60), "Incidents to know the demo county");
        var departments = await MatrixDepartments.LoadAsync(_api);
        _runner = new MatrixRunner(_api, new ProbeCases(_api, departments), departments, _expected);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _api?.Dispose();
        _services?.Dispose();
        if (_environment is not null) await _environment.DisposeAsync();
    }

    [Test]
    public async Task A_sample_of_the_matrix_answers_as_the_file_says_across_three_processes()
    {
        Assert.That(Sample.Select(s => _expected.Expect(s.Action, s.Cell)), Has.None.EqualTo(Answer.NotApplicable), "the sample's cells are in the file");
        var results = new List<ProbeResult>();
        foreach (var action in Sample.Select(s => s.Action).Distinct())
            results.AddRange(await _runner.RunAsync(action, Sample.Where(s => s.Action == action).Select(s => s.Cell), parallel: 3));
        TestContext.Progress.WriteLine(MatrixSummary.Table(results, "distributed sample"));
        Assert.That(results, Has.Count.EqualTo(Sample.Length));
        Assert.That(results.Where(r => r.Mismatch is not null), Is.Empty, "answers that differ from the file");
    }
}
