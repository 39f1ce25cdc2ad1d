using System.Diagnostics;

namespace Governance.IntegrationTests.Support;

/// <summary>An operator command of the Host (issue-token, reset-password) as an operator runs it: the built
/// Governance.Host.dll in a process of its own, with an environment's settings as environment variables.</summary>
public static class OperatorCommand
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<KeyValuePair<string, string>> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Governance.Host.dll") }.Concat(arguments)) start.ArgumentList.Add(a);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, (await output).Trim(), (await errors).Trim());
    }
}
