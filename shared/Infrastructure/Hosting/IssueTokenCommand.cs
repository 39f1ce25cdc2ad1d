using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// <c>Governance.Host issue-token &lt;user&gt; &lt;role&gt; &lt;unit&gt; [department-id] [--setting=value ...]</c>: prints a
/// token signed with the configured key — for service accounts, operators' scripts and trying the
/// distributed deployment before the county's identity provider is connected. A department handler's
/// token names his department (its id in Grids). The token is first recorded in Grids' database (run
/// it with Grids' settings), so that a county administrator can list it and revoke it
/// (GET /grids/service-accounts, docs/sessions.md); a token that cannot be recorded is not printed.
/// </summary>
public static class IssueTokenCommand
{
    private const string Usage = "usage: Governance.Host issue-token <user> <role> <unit> [department-id] [--Auth:SigningKey=...] (with Grids' database settings)";

    public static async Task RunAsync(string[] args, IReadOnlyList<IServiceModule> available)
    {
        var positional = args.Skip(1).Where(a => !a.StartsWith("--")).ToList();
        if (positional.Count is < 3 or > 4)
        {
            Console.Error.WriteLine(Usage);
            Environment.ExitCode = 2;
            return;
        }
        var settings = args.Skip(1).Where(a => a.StartsWith("--")).ToArray();
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings, ContentRootPath = AppContext.BaseDirectory }).Configuration;
        var options = configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        if (new AuthOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            Console.Error.WriteLine($"issue-token: {invalid.FailureMessage}");
            Environment.ExitCode = SettingsException.ExitCode;
            return;
        }
        var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        var token = new ServiceToken(Guid.CreateVersion7().ToString(), positional[0], positional[1], positional[2], positional.ElementAtOrDefault(3),
            $"operator:{Environment.UserName}", now, now + options.TokenLifetime);
        if (await RecordAsync(settings, available, token) is { } refusal)
        {
            Console.Error.WriteLine($"issue-token: not issued: {refusal}");
            Environment.ExitCode = 2;
            return;
        }
        Console.WriteLine(new TokenIssuer(options, new FixedTime(now)).Issue(token.Subject, token.Subject, [token.Role], [token.UnitCode],
            department: token.DepartmentId, tokenId: token.Id));
    }

    /// <summary>Records the token through the Grids module, built (never started) with the same settings
    /// as the Grids process.</summary>
    private static async Task<string?> RecordAsync(string[] settings, IReadOnlyList<IServiceModule> available, ServiceToken token)
    {
        try
        {
            return await GridsOperator.RunAsync(settings, available, (grids, services) => grids.RecordServiceTokenAsync(services, token, CancellationToken.None));
        }
        catch (Exception e)
        {
            return SettingsException.Describe(e) ?? e.Message;
        }
    }

    /// <summary>The moment recorded is the moment signed.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
