using Governance.IntegrationTests.Packaging;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.OpenApi;

/// <summary>
/// The documents a running Host publishes pass an OpenAPI linter: Redocly CLI, pinned in tests/openapi-lint
/// (installed here with npm ci), with its recommended rules (tests/openapi-lint/redocly.yaml). Errors fail;
/// its warnings are printed.
/// </summary>
[TestFixture]
public sealed class OpenApiLintTests
{
    private static string LintFolder => Path.Combine(PackageOutput.RepositoryRoot, "tests", "openapi-lint");

    [Test]
    public async Task The_published_documents_pass_the_linter()
    {
        var written = Path.Combine(Path.GetTempPath(), $"governance-openapi-{Guid.NewGuid():N}");
        Directory.CreateDirectory(written);
        try
        {
            await using (var standalone = await StandaloneEnvironment.StartAsync())
            {
                using var anonymous = new HttpClient { BaseAddress = standalone.Host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                foreach (var (service, document) in await PublishedDocuments.ReadAsync(anonymous))
                    await File.WriteAllTextAsync(Path.Combine(written, $"{service}.json"), PublishedDocuments.Text(document));
            }
            await InstallLinterAsync();
            var files = PublishedDocuments.Modules.Select(m => Path.Combine(written, $"{m.Name}.json"));
            var output = await PackageOutput.RunAsync("node",
                [Path.Combine(LintFolder, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", "--config", Path.Combine(LintFolder, "redocly.yaml"), .. files],
                TimeSpan.FromMinutes(3), Quiet);
            TestContext.Out.WriteLine(output);
            Assert.That(output, Does.Contain("valid"), "the linter's verdict");
        }
        finally
        {
            Directory.Delete(written, recursive: true);
        }
    }

    /// <summary>npm ci when the installed linter is missing or older than the lock file (as the web pages' build does).</summary>
    private static async Task InstallLinterAsync()
    {
        var marker = Path.Combine(LintFolder, "node_modules", ".package-lock.json");
        if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(Path.Combine(LintFolder, "package-lock.json"))) return;
        await PackageOutput.RunAsync("npm", ["ci", "--prefix", LintFolder, "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5));
        File.SetLastWriteTimeUtc(marker, DateTime.UtcNow);
    }

    /// <summary>The linter asks nobody anything: no usage report, no look-up of a newer version.</summary>
    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["REDOCLY_TELEMETRY"] = "off",
        ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        ["NO_COLOR"] = "1",
    };
}
