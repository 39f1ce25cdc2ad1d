using System.Net.Http.Headers;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Permissions;

/// <summary>Departments of the demo county the matrix calls in (ids from GET /grids/departments).</summary>
public sealed record MatrixDepartments(
    string TownshipLead, string TownshipCoHandler, string TownshipOther, string TownshipNotCalledIn, string Township2NotCalledIn,
    string CountyLead, string CountyCoHandler)
{
    /// <summary>Each unit's department for a category (the demo county gives every township and the county one).</summary>
    public static async Task<MatrixDepartments> LoadAsync(CaseApi api)
    {
        async Task<string> IdAsync(string unit, string category)
        {
            var list = await api.GetAsync($"/grids/departments?unitCode={unit}&category={category}") ?? throw new InvalidOperationException("no departments");
            return list.EnumerateArray().Where(d => d.GetProperty("unitCode").GetString() == unit).Select(d => d.GetProperty("id").GetString()!).FirstOrDefault()
                ?? throw new InvalidOperationException($"The demo county has no department for {category} at {unit}: {list}");
        }
        return new MatrixDepartments(
            await IdAsync(Demo.Township, "facilities"), await IdAsync(Demo.Township, "dispute"), await IdAsync(Demo.Township, "public-security"),
            await IdAsync(Demo.Township, "livelihood"), await IdAsync(MatrixPeople.Township2, "livelihood"),
            await IdAsync(Demo.County, "facilities"), await IdAsync(Demo.County, "emergency"));
    }
}

/// <summary>
/// The person probed in each cell of the matrix: his token (role, unit, department, leader posts), as
/// expected-permissions.txt's section 1 describes. Township 2 is the demo county's second township,
/// where the reporter has moved and the leader and the unrelated person work.
/// </summary>
public static class MatrixPeople
{
    public const string Township2 = "500101002000";
    public const string Village2 = "500101002001";
    public const string Grid2 = "500101002001001";
    public const string Courtyard2 = "500101002001001001";

    /// <summary>The unit a role is registered at, in township 1 or township 2 (county-wide roles: the county, or township 2).</summary>
    public static string HomeUnit(string role, bool township2 = false) => role switch
    {
        "grid-worker-full-time" or "grid-worker-part-time" or "grid-head" => township2 ? Grid2 : Demo.Grid,
        "courtyard-lead" => township2 ? Courtyard2 : Demo.Courtyard,
        "village-handler" or "mediator" => township2 ? Village2 : Demo.Village,
        "township-dispatcher" or "department-handler" => township2 ? Township2 : Demo.Township,
        _ => township2 ? Township2 : Demo.County,
    };

    /// <summary>The holding unit of a case on a tier (the demo cases are filed at Demo.Courtyard).</summary>
    public static string HoldingUnit(string tier) => tier switch
    {
        "courtyard" => Demo.Courtyard,
        "village" => Demo.Village,
        "township" => Demo.Township,
        _ => Demo.County,
    };

    public static string UserOf(Cell cell) => $"{cell.Relation}.{cell.Role}.{cell.Tier}";

    /// <summary>The token he files with when he is the reporter: his unit in township 1.</summary>
    public static AuthenticationHeaderValue ReporterFiling(Cell cell) =>
        new("Bearer", TestTokens.For(UserOf(cell), cell.Role, HomeUnit(cell.Role)));

    /// <summary>His token when probed.</summary>
    public static AuthenticationHeaderValue Token(Cell cell, MatrixDepartments departments)
    {
        var user = UserOf(cell);
        var (unit, department, leaderUnits) = cell.Relation switch
        {
            "holder" => (HolderUnit(cell), cell.Role == "department-handler" ? LeadOf(cell.Tier, departments) : null, (string[]?)null),
            "above" => (AboveUnit(cell.Tier), null, null),
            "place" => (HomeUnit(cell.Role), cell.Role == "department-handler" ? departments.TownshipNotCalledIn : null, null),
            "reporter" => (HomeUnit(cell.Role, township2: true), null, null),
            "department" => (Demo.Township, departments.TownshipCoHandler, null),
            "leader" => (HomeUnit(cell.Role, township2: true), Township2Department(cell, departments), new[] { Demo.Village }),
            _ => (HomeUnit(cell.Role, township2: true), Township2Department(cell, departments), null),
        };
        return new AuthenticationHeaderValue("Bearer", TestTokens.For(user, cell.Role, unit, department, leaderUnits));
    }

    private static string HolderUnit(Cell cell) => cell.Tier == "courtyard" ? HomeUnit(cell.Role) : HoldingUnit(cell.Tier);

    /// <summary>One tier above the holding unit.</summary>
    private static string AboveUnit(string tier) => tier switch
    {
        "courtyard" => Demo.Village,
        "village" => Demo.Township,
        _ => Demo.County,
    };

    public static string LeadOf(string tier, MatrixDepartments departments) => tier == "county" ? departments.CountyLead : departments.TownshipLead;

    private static string? Township2Department(Cell cell, MatrixDepartments departments) =>
        cell.Role == "department-handler" ? departments.Township2NotCalledIn : null;
}
