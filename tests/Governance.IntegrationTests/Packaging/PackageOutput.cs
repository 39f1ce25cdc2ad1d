using System.Diagnostics;

namespace Governance.IntegrationTests.Packaging;

/// <summary>
/// deploy/package.sh run once into a scratch folder, and its install.sh laid out under a scratch root
/// (<c>--root</c>): the real publish output and the files a county's server gets, for the packaging tests.
/// </summary>
public sealed class PackageOutput
{
    public string Folder { get; }
    /// <summary>The unpacked package: host/, gateway/, systemd/, env/, install.sh.</summary>
    public string Package => Path.Combine(Folder, "out", "governance");
    /// <summary>What install.sh laid out: opt/governance, etc/governance, etc/systemd/system, var/lib/governance.</summary>
    public string Root => Path.Combine(Folder, "root");
    public string Units => Path.Combine(Root, "etc", "systemd", "system");
    public string Settings => Path.Combine(Root, "etc", "governance");

    private PackageOutput(string folder) => Folder = folder;

    public static async Task<PackageOutput> BuildAsync()
    {
        var output = new PackageOutput(Path.Combine(Path.GetTempPath(), $"governance-package-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(output.Folder);
        // The publish keeps its obj/ and bin/ in the repository's artifacts/package-build (the script's
        // default), so a second run compiles only what changed.
        await RunAsync("bash", [Path.Combine(RepositoryRoot, "deploy", "package.sh")], TimeSpan.FromMinutes(8),
            new Dictionary<string, string> { ["OUT"] = Path.Combine(output.Folder, "out") });
        await output.InstallAsync();
        return output;
    }

    /// <summary>install.sh --root, as an upgrade runs it again.</summary>
    public Task<string> InstallAsync() =>
        RunAsync("bash", [Path.Combine(Package, "install.sh"), "--root", Root], TimeSpan.FromMinutes(2));

    /// <summary>Runs a command to its end and returns what it printed on both streams; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan limit,
        IDictionary<string, string>? environment = null, int expectedExitCode = 0, string? workingDirectory = null)
    {
        var (exitCode, output) = await RunUncheckedAsync(program, arguments, limit, environment, workingDirectory);
        Assert.That(exitCode, Is.EqualTo(expectedExitCode), $"{program} {string.Join(' ', arguments)}:\n{output}");
        return output;
    }

    public static async Task<(int ExitCode, string Output)> RunUncheckedAsync(string program, IEnumerable<string> arguments, TimeSpan limit,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {limit}:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Governance.sln"))) return folder.FullName;
            throw new InvalidOperationException($"No Governance.sln above {AppContext.BaseDirectory}");
        }
    }

    public void Delete()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
