using Governance.IntegrationTests.Packaging;

namespace Governance.IntegrationTests.Telemetry;

/// <summary>
/// deploy/prometheus/governance-alerts.yml as Debian's Prometheus loads it: promtool (package prometheus,
/// installed by ensure_promtool in deploy/lib/servers.sh) checks the rules, then runs their unit tests
/// (governance-alerts.test.yml), where each alert fires on what it is for and stays quiet otherwise.
/// </summary>
[TestFixture]
public sealed class AlertRulesTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5); // the first run may apt-get install it
    private static string Rules => Path.Combine(PackageOutput.RepositoryRoot, "deploy", "prometheus");

    [OneTimeSetUp]
    public async Task EnsurePromtoolAsync() =>
        await PackageOutput.RunAsync("bash", ["-c", "source deploy/lib/servers.sh && ensure_promtool"], Limit,
            workingDirectory: PackageOutput.RepositoryRoot);

    [Test]
    public async Task Promtool_accepts_the_alert_rules()
    {
        var output = await PackageOutput.RunAsync("promtool", ["check", "rules", Path.Combine(Rules, "governance-alerts.yml")], Limit);
        Assert.That(output, Does.Contain("SUCCESS: 3 rules found"), output);
    }

    [Test]
    public async Task Each_alert_fires_on_its_case_and_not_before()
    {
        var output = await PackageOutput.RunAsync("promtool", ["test", "rules", Path.Combine(Rules, "governance-alerts.test.yml")], Limit);
        Assert.That(output, Does.Contain("SUCCESS"), output);
    }
}
