using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Hosting;

/// <summary>
/// Settings the host cannot work with stop it before it serves anything: exit code 78 (EX_CONFIG) and
/// one line that names the setting. Before, distributed settings without a signing key printed
/// "serving" and then answered 500 to everything, /health/ready included. Each case starts the Host
/// as deploy/run-distributed.sh does (its own process, environment configuration).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class StartupSettingsTests
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(60);

    /// <summary>appsettings.Distributed.json as shipped (RabbitMQ, PostgreSQL, tokens from a key nobody set
    /// yet) with a personal-data key, so that each case is about one setting.</summary>
    private static Dictionary<string, string> Distributed(params (string Key, string Value)[] changes)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Distributed",
            ["PersonalData:CurrentKeyId"] = "tests", ["PersonalData:Keys:tests"] = TestTokens.PersonalDataKey,
        };
        foreach (var (key, value) in changes) settings[key] = value;
        return settings;
    }

    private static IEnumerable<TestCaseData> Refused()
    {
        yield return new TestCaseData(Distributed(),
            "Auth:SigningKey is not set: give the services a shared key of at least 32 characters, or set Auth:Authority to the county's identity provider.")
            .SetArgDisplayNames("distributed without a signing key");
        yield return new TestCaseData(Distributed(("Auth:SigningKey", "0123456789abcdef")),
            "Auth:SigningKey is 16 characters; it must be at least 32.")
            .SetArgDisplayNames("distributed with a short signing key");
        yield return new TestCaseData(Distributed(("Auth:SigningKey", TestTokens.SigningKey), ("ConnectionStrings:incidents", "")),
            "ConnectionStrings:incidents is not set: the incidents service needs its database (environment: ConnectionStrings__incidents=...).")
            .SetArgDisplayNames("no connection string");
        yield return new TestCaseData(Distributed(("Auth:SigningKey", TestTokens.SigningKey), ("Database:Provider", "Oracle")),
            "Database:Provider 'Oracle' is not one of Sqlite, Postgres, SqlServer.")
            .SetArgDisplayNames("unknown database provider");
        yield return new TestCaseData(Distributed(("Auth:SigningKey", TestTokens.SigningKey), ("Messaging:RabbitMq:Nodes:0", "mq2:amqp")),
            "Messaging:RabbitMq:Nodes:0 'mq2:amqp' is not a host or host:port (port 1-65535).")
            .SetArgDisplayNames("a RabbitMQ cluster node that is not host or host:port");
        yield return new TestCaseData(Distributed(("Auth:SigningKey", TestTokens.SigningKey), ("PersonalData:CurrentKeyId", "")),
            "PersonalData:CurrentKeyId is not set: give the service a key to seal residents' contacts, e.g. " +
            "PersonalData__Keys__k1=$(openssl rand -base64 32) and PersonalData__CurrentKeyId=k1.")
            .SetArgDisplayNames("distributed without a personal-data key");
        yield return new TestCaseData(Distributed(("Auth:SigningKey", TestTokens.SigningKey), ("PersonalData:CurrentKeyId", "standalone-demo")),
            "PersonalData:CurrentKeyId 'standalone-demo' is not among PersonalData:Keys.")
            .SetArgDisplayNames("distributed with the standalone demo key");
        yield return new TestCaseData(Distributed(("PersonalData:CurrentKeyId", "")),
            "Auth:SigningKey is not set: give the services a shared key of at least 32 characters, or set Auth:Authority to the county's identity provider.; " +
            "PersonalData:CurrentKeyId is not set: give the service a key to seal residents' contacts, e.g. " +
            "PersonalData__Keys__k1=$(openssl rand -base64 32) and PersonalData__CurrentKeyId=k1.")
            .SetArgDisplayNames("several settings missing: all of them on the one line");
        yield return new TestCaseData(new Dictionary<string, string> { ["Monitoring:AllowFrom:0"] = "10.20.0.0/33" },
            "Monitoring:AllowFrom must list networks in CIDR form, e.g. 10.20.0.0/16 (the monitoring network that scrapes /metrics).")
            .SetArgDisplayNames("a monitoring network that is not a network");
        // Standalone (appsettings.json) with its key removed: the same rule, whatever the mode.
        yield return new TestCaseData(new Dictionary<string, string> { ["Auth:SigningKey"] = "" },
            "Auth:SigningKey is not set: give the services a shared key of at least 32 characters, or set Auth:Authority to the county's identity provider.")
            .SetArgDisplayNames("standalone without a signing key");
        // Standalone for real use (passwords, no demo sign-in) with the demo's public keys: anyone could sign himself in.
        yield return new TestCaseData(new Dictionary<string, string> { ["Auth:DevTokens"] = "false" },
            "Auth:SigningKey is the public demo key: " + Governance.Infrastructure.Security.DemoKeys.Advice + ", e.g. Auth__SigningKey=$(openssl rand -base64 48).; " +
            "PersonalData:Keys:standalone-demo is the public demo key: " + Governance.Infrastructure.Security.DemoKeys.Advice +
            ", e.g. PersonalData__Keys__k1=$(openssl rand -base64 32) and PersonalData__CurrentKeyId=k1.")
            .SetArgDisplayNames("standalone without the demo sign-in but with the demo keys");
        // The demo's personal-data key written with a space: base64 ignores it, and so does the check.
        yield return new TestCaseData(new Dictionary<string, string>
            {
                ["Auth:DevTokens"] = "false", ["Auth:SigningKey"] = TestTokens.SigningKey,
                ["PersonalData:Keys:standalone-demo"] = Governance.Infrastructure.Security.DemoKeys.PersonalDataKey + " ",
            },
            "PersonalData:Keys:standalone-demo is the public demo key: " + Governance.Infrastructure.Security.DemoKeys.Advice +
            ", e.g. PersonalData__Keys__k1=$(openssl rand -base64 32) and PersonalData__CurrentKeyId=k1.")
            .SetArgDisplayNames("the demo personal-data key padded with a space");
        // HMAC pads a short key with zero bytes: a key ending in a control character may be the demo's in disguise.
        yield return new TestCaseData(new Dictionary<string, string> { ["Auth:SigningKey"] = Governance.Infrastructure.Security.DemoKeys.SigningKey + "\u0001" },
            "Auth:SigningKey may not hold control characters.")
            .SetArgDisplayNames("a signing key with a control character");
        // A value of the wrong kind stopped the Host with a stack trace (exit 134).
        yield return new TestCaseData(new Dictionary<string, string> { ["Auth:DevTokens"] = "no" },
            "Failed to convert configuration value 'no' at 'Auth:DevTokens' to type 'System.Boolean': give true or false, a number, or a time as the setting asks (deploy/README.md, \"Configuration\").")
            .SetArgDisplayNames("a setting of the wrong kind");
    }

    [TestCaseSource(nameof(Refused))]
    public async Task The_host_exits_with_one_line_naming_the_setting_before_it_serves(Dictionary<string, string> settings, string message)
    {
        using var host = HostProcess.Start("incidents", settings);
        Assert.That(await host.WaitForExitAsync(ExitLimit), Is.True, $"the host should refuse to start:\n{host.Output}");
        Assert.That(host.ExitCode, Is.EqualTo(78), host.Output);
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines.Where(l => l.StartsWith("Governance cannot start:")), Is.EqualTo(new[] { $"Governance cannot start: {message}" }), host.Output);
        Assert.That(host.Output, Does.Not.Contain("is serving at").And.Not.Contain("Unhandled exception").And.Not.Contain("   at "), host.Output);
    }

    [Test]
    public async Task An_identity_provider_instead_of_a_signing_key_passes_the_check_and_the_host_serves()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"governance-settings-{Guid.NewGuid():N}");
        try
        {
            var settings = StandaloneEnvironment.Settings(folder);
            settings["Auth:SigningKey"] = "";
            settings["Auth:DevTokens"] = "false";
            settings["Auth:Authority"] = "https://sso.county.example/realms/governance";
            // A county's own key for residents' contacts: the demo's is refused without the demo sign-in.
            settings["PersonalData:CurrentKeyId"] = "tests";
            settings["PersonalData:Keys:tests"] = TestTokens.PersonalDataKey;
            using var host = HostProcess.Start("grids,incidents,dispatch", settings);
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
            // A whole standalone county seeding its demo while the other test projects run beside it: CI once
            // needed more than a minute on two busy cores, so the wait is generous (it ends as soon as it is ready).
            await host.WaitReadyAsync(probe, TimeSpan.FromSeconds(150));
            Assert.That(host.Output, Does.Not.Contain("Governance cannot start"));
        }
        finally
        {
            await ScratchFolder.DeleteAsync(folder);
        }
    }
}
