using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// What the operator commands (issue-token, reset-password) do in Grids' database: the Grids module built,
/// never started, with the same settings as the Grids process (its database, its key). Its logging is off,
/// so that standard output carries the command's answer alone.
/// </summary>
internal static class GridsOperator
{
    public static async Task<T> RunAsync<T>(string[] settings, IReadOnlyList<IServiceModule> available, Func<IServiceModule, IServiceProvider, Task<T>> work)
    {
        var app = GovernanceApp.Build([.. settings, "--Governance:Services=grids"], available,
            builder => builder.Logging.ClearProviders());
        await using (app)
        {
            var grids = app.Services.GetRequiredService<IReadOnlyList<IServiceModule>>().Single();
            return await work(grids, app.Services);
        }
    }
}
