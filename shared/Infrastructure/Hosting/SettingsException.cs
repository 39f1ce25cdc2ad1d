using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// A setting the host cannot start with, found while it is built (which services, which transport):
/// reported like a failed options validation, as one line, before anything is served.
/// </summary>
public sealed class SettingsException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>EX_CONFIG (sysexits.h): a service manager can tell "fix the settings" from a crash and
    /// not restart in a loop (systemd: RestartPreventExitStatus=78).</summary>
    public const int ExitCode = 78;

    /// <summary>The one line to print for a failure the operator must fix before a start can succeed (a
    /// setting, or an applied migration script that was changed since); null for any other exception.</summary>
    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join("; ", invalid.Failures),
        SettingsException settings => settings.Message,
        // Restarting cannot help either: the scripts must go back to what the database applied.
        Data.MigrationChangedException changed => changed.Message,
        // A value of the wrong kind (Auth__DevTokens=no): the binder names the setting and the value.
        InvalidOperationException { Message: var text } when text.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            text.TrimEnd('.') + ": give true or false, a number, or a time as the setting asks (deploy/README.md, \"Configuration\").",
        // Several options failed at once (ValidateOnStart collects them): all of them, still on one line.
        AggregateException { InnerExceptions: var inner } when inner.All(i => Describe(i) is not null) => string.Join("; ", inner.Select(Describe)),
        _ => null,
    };
}
