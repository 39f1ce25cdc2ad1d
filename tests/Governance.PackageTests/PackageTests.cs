using Governance.IntegrationTests.Packaging;
using Governance.IntegrationTests.Support;

namespace Governance.PackageTests;

/// <summary>
/// What a county installs (issue #18): deploy/package.sh's real publish output, laid out by its
/// install.sh, its systemd units checked by systemd-analyze against the published executables, and the
/// published Host and gateway started as their units start them. No systemd runs as the init system
/// here, so "starts under systemd" is the program's side of it: it reads the installed settings files
/// and sends READY=1 to NOTIFY_SOCKET (<see cref="UnderSystemd"/>). systemd-analyze comes from
/// Debian's systemd package (deploy/lib/servers.sh, ensure_systemd_analyze, run by tests/run-all.sh).
/// </summary>
[TestFixture]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // systemd, file modes
public sealed class PackageTests
{
    private static readonly string[] Services = ["grids", "incidents", "dispatch"];
    private PackageOutput _package = null!;

    [OneTimeSetUp]
    public async Task PublishOnce() => _package = await PackageOutput.BuildAsync();

    [OneTimeTearDown]
    public void DeleteIt() => _package?.Delete();

    [Test]
    public void The_package_holds_both_programs_with_their_pages_and_a_tarball_of_it_all()
    {
        Assert.Multiple(() =>
        {
            foreach (var program in new[] { "host/Governance.Host", "gateway/Governance.Gateway" })
                Assert.That(File.Exists(Path.Combine(_package.Root, "opt/governance", program)), Is.True, program);
            Assert.That(File.Exists(Path.Combine(_package.Root, "opt/governance/gateway/wwwroot/index.html")), Is.True, "the gateway serves the pages");
            foreach (var script in new[] { "archive-wal.sh", "base-backup.sh", "restore-drill.sh" })
                Assert.That(File.Exists(Path.Combine(_package.Root, "opt/governance/backup", script)), Is.True, $"the PostgreSQL backup script {script}");
            Assert.That(Directory.GetFiles(Path.Combine(_package.Folder, "out"), "governance-*-linux-x64.tar.gz"), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Every_unit_passes_systemd_analyze_verify_against_the_published_executables()
    {
        var units = UnitsPointingAtTheInstall();
        foreach (var unit in Services.Select(s => $"governance@{s}.service").Append("governance-gateway.service").Append("governance.target"))
        {
            // Warnings (an unknown key, a typo in a section) are printed but exit 0: nothing printed is the test.
            var output = await PackageOutput.RunAsync("systemd-analyze", ["verify", Path.Combine(units, unit)], TimeSpan.FromMinutes(1));
            Assert.That(output.Trim(), Is.Empty, $"systemd-analyze verify {unit}");
        }
    }

    [Test]
    public async Task The_services_are_hardened()
    {
        // systemd's own measure of what a service may reach, 0 (nothing) to 100 (everything) at --threshold;
        // without the hardening drop-in the units score 92 ("UNSAFE"), with it 31.
        var units = UnitsPointingAtTheInstall();
        foreach (var unit in new[] { "governance@grids.service", "governance-gateway.service" })
            await PackageOutput.RunAsync("systemd-analyze", ["security", "--offline=yes", "--threshold=35", Path.Combine(units, unit)], TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task Installing_again_keeps_the_settings_and_their_keys()
    {
        var grids = Path.Combine(_package.Settings, "grids.env");
        var common = Path.Combine(_package.Settings, "common.env");
        var keysBefore = EnvironmentFile.Read(common);
        await File.AppendAllTextAsync(grids, "Governance__TrustedProxies__0=10.0.0.9\n");

        var said = await _package.InstallAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EnvironmentFile.Read(grids)["Governance__TrustedProxies__0"], Is.EqualTo("10.0.0.9"), "an operator's edit survives");
            Assert.That(EnvironmentFile.Read(common), Is.EqualTo(keysBefore), "the keys stay the same (a new signing key would end every session)");
            Assert.That(said, Does.Contain("kept"));
            foreach (var file in Directory.GetFiles(_package.Settings))
            {
                Assert.That(File.ReadAllText(file), Does.Not.Match("@[A-Z_]+@"), $"{file}: a mark left unfilled");
                Assert.That(File.GetUnixFileMode(file) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite), Is.EqualTo(UnixFileMode.None), $"{file} holds secrets");
            }
            Assert.That(keysBefore["Auth__SigningKey"], Has.Length.GreaterThanOrEqualTo(32));
            Assert.That(Convert.FromBase64String(keysBefore["PersonalData__Keys__k1"]), Has.Length.EqualTo(32));
        });
    }

    [Test]
    public async Task The_published_host_serves_grids_with_its_unit_settings_and_tells_systemd_it_is_ready()
    {
        var scratch = Path.Combine(_package.Folder, "grids-run");
        Directory.CreateDirectory(scratch);
        // What governance@grids.service gives the process: its Environment= lines and its two settings
        // files, with the generated keys; the database and the bus standalone's (no PostgreSQL or RabbitMQ
        // needed to prove the program and its settings start).
        var settings = EnvironmentFile.Read(Path.Combine(_package.Settings, "common.env"));
        foreach (var (key, value) in EnvironmentFile.Read(Path.Combine(_package.Settings, "grids.env"))) settings[key] = value;
        settings["ASPNETCORE_ENVIRONMENT"] = "Distributed";
        settings["Governance__Services"] = "grids";
        settings["Database__Provider"] = "Sqlite";
        settings["ConnectionStrings__grids"] = $"Data Source={scratch}/grids.db";
        settings["Messaging__Transport"] = "InMemory";

        using var host = UnderSystemd.Start(Path.Combine(_package.Root, "opt/governance/host/Governance.Host"), settings, scratch);
        Assert.That(await host.FirstNotificationAsync(TimeSpan.FromSeconds(90)), Does.Contain("READY=1"), host.Output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) }.InEnglish();
        var ready = await http.GetAsync(new Uri(host.Address, "/health/ready"));
        Assert.That((int)ready.StatusCode, Is.EqualTo(200), host.Output);
        // Logged as the packaged settings say, one JSON object a line (docs/observability.md), even under
        // systemd, whose own format AddSystemd would otherwise put in its place.
        Assert.That(host.Output, Does.Match(@"(?m)^\{""EventId"""), host.Output);
        Assert.That(host.Output, Does.Not.Match(@"(?m)^<\d>"), host.Output);

        // The gateway's unit, before it: its settings file, the clusters pointed at this Host.
        var gatewaySettings = EnvironmentFile.Read(Path.Combine(_package.Settings, "gateway.env"));
        foreach (var service in Services)
            gatewaySettings[$"ReverseProxy__Clusters__{service}__Destinations__d1__Address"] = host.Address.ToString();
        using var gateway = UnderSystemd.Start(Path.Combine(_package.Root, "opt/governance/gateway/Governance.Gateway"), gatewaySettings, scratch);
        Assert.That(await gateway.FirstNotificationAsync(TimeSpan.FromSeconds(60)), Does.Contain("READY=1"), gateway.Output);
        await Eventually.GetAsync(async () => (int?)(await http.GetAsync(new Uri(gateway.Address, "/health/ready"))).StatusCode,
            status => status == 200, TimeSpan.FromSeconds(30), "the gateway to find grids ready");
        // Its routes (appsettings.json beside the executable, whatever the unit's working folder): an API
        // path reaches grids, which wants a token, instead of the gateway's own 404.
        var routed = await http.GetAsync(new Uri(gateway.Address, "/grids/departments"));
        Assert.That((int)routed.StatusCode, Is.EqualTo(401), gateway.Output);
        var page = await http.GetAsync(new Uri(gateway.Address, "/"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<html"), "the published pages");
    }

    /// <summary>The installed units copied beside each other with ExecStart pointing into the scratch root
    /// instead of /opt/governance (systemd-analyze checks that the program is there and executable; its
    /// --root would also want a whole systemd under the root).</summary>
    private string UnitsPointingAtTheInstall()
    {
        var copy = Path.Combine(_package.Folder, $"units-{Guid.NewGuid():N}");
        foreach (var file in Directory.GetFiles(_package.Units, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(_package.Units, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file).Replace("ExecStart=/opt/governance/", $"ExecStart={_package.Root}/opt/governance/"));
        }
        return copy;
    }
}
