using System.Net.Http.Headers;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>Who sends a Grids test's request: a person with a role at a unit. A bare name is a
/// county administrator over the whole county (the fixture's default reach).</summary>
/// <param name="LeaderUnits">A leader post on top of his role: the units he is linked to (联系点).</param>
public sealed record SignedIn(string User, string Role = Roles.CountyAdministrator, string Unit = Demo.County, IReadOnlyList<string>? LeaderUnits = null)
{
    public static implicit operator SignedIn(string user) => new(user);

    /// <summary>A full-time grid worker at his grid: care subjects and visits are his work (ChangeCare).</summary>
    public static SignedIn GridWorker(string user, string grid) => new(user, Roles.GridWorkerFullTime, grid);

    public AuthenticationHeaderValue Bearer => TestTokens.Bearer(User, Role, Unit, leaderUnits: LeaderUnits);
}
