namespace Governance.Infrastructure.Hosting;

/// <summary>
/// <c>Governance.Host reset-password &lt;staff-id&gt; [--setting=value ...]</c>: prints a one-time password for a
/// member of staff (with Grids' settings), which he replaces at his first sign-in — for the county's first
/// administrator after the install, and for an administrator who forgot his own with nobody else to reset
/// it (docs/sessions.md, "Passwords"). Everyone else's is reset on the pages (单位与人员) or with
/// POST /grids/staff/{id}/password. The person's sessions end, as with every reset.
/// </summary>
public static class ResetPasswordCommand
{
    public const string Name = "reset-password";
    private const string Usage = "usage: Governance.Host reset-password <staff-id> (with Grids' database settings)";

    public static async Task RunAsync(string[] args, IReadOnlyList<IServiceModule> available)
    {
        var positional = args.Skip(1).Where(a => !a.StartsWith("--")).ToList();
        if (positional.Count != 1)
        {
            Console.Error.WriteLine(Usage);
            Environment.ExitCode = 2;
            return;
        }
        var settings = args.Skip(1).Where(a => a.StartsWith("--")).ToArray();
        Outcome<string> answer;
        try
        {
            answer = await GridsOperator.RunAsync(settings, available,
                (grids, services) => grids.ResetPasswordAsync(services, positional[0], $"operator:{Environment.UserName}", CancellationToken.None));
        }
        catch (Exception e)
        {
            answer = new Outcome<string>.Conflict(SettingsException.Describe(e) ?? e.Message);
        }
        if (answer is Outcome<string>.Done done)
        {
            Console.WriteLine(done.Value);
            return;
        }
        Console.Error.WriteLine($"reset-password: not reset: {answer switch
        {
            Outcome<string>.NotFound => $"no member of staff '{positional[0]}'",
            Outcome<string>.Conflict conflict => conflict.Why,
            Outcome<string>.Forbidden forbidden => forbidden.Why,
            _ => answer.ToString(),
        }}");
        Environment.ExitCode = 2;
    }
}
