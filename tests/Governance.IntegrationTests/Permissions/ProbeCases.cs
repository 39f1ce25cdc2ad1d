using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Permissions;

/// <summary>The state a probe needs its case in, so that only the permission decides.</summary>
public enum CaseState { Assigned, Accepted, MoveUpRequested, Resolved }

/// <summary>
/// A kind of case: held on <paramref name="Tier"/> (filed at Demo.Courtyard with the grade that routes
/// it there), of a category, with departments called in on the township or county tier, moved up to
/// the county from the township (so that it may be sent back), filed by a reporter of the matrix;
/// <paramref name="FiledGrade"/> when the category, not the grade, routes it to its tier.
/// </summary>
public sealed record CaseSpec(string Tier, string Category = "facilities", bool Departments = false, bool MovedUp = false, Cell? Reporter = null,
    string? FiledGrade = null)
{
    public string Grade => FiledGrade ?? (Category == "dispute" ? "IV" : MovedUp ? "II" : Tier switch
    {
        "courtyard" => "IV", "village" => "III", "township" => "II", _ => "I",
    });

    public string RoutedTier => MovedUp ? "township" : Tier;
}

/// <summary>
/// Builds cases in a given state through the API, as the county officer would (file, wait for
/// routing, call in departments, accept, ask to move up) and resolves them as a holder of their tier
/// at the holding unit (not the officer: nobody "of the resolver's unit" may verify, and the officer
/// sits at the county). Snapshots a case as the officer sees it, to show a refusal changed nothing.
/// </summary>
public sealed class ProbeCases(CaseApi api, MatrixDepartments departments)
{
    private int _count;

    public async Task<Guid> BuildAsync(CaseSpec spec, CaseState state)
    {
        var n = Interlocked.Increment(ref _count);
        var filer = spec.Reporter is { } reporter ? MatrixPeople.ReporterFiling(reporter) : null;
        var filed = await api.MustPostAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = spec.Category, grade = spec.Grade, title = $"矩阵测试案件 {n}", description = "permission matrix",
        }, filer);
        var id = filed.GetProperty("id").GetGuid();
        await api.WaitForCaseAsync(id, c => Str(c, "status") == "assigned" && Str(c, "tier") == spec.RoutedTier, $"routing to the {spec.RoutedTier}");
        if (spec.MovedUp)
        {
            await api.MustPostAsync($"/dispatch/assignments/{id}/escalate", new { reason = "矩阵测试：移交县级" });
            await api.WaitForCaseAsync(id, c => Str(c, "tier") == "county" && Str(c, "status") == "assigned", "the move up to the county");
        }
        var held = await api.WaitForCaseAsync(id, _ => true, "reading");
        if (Str(held, "handlingUnitCode") != MatrixPeople.HoldingUnit(spec.Tier))
            throw new InvalidOperationException($"A {spec.Tier}-tier case is held by {Str(held, "handlingUnitCode")}, not {MatrixPeople.HoldingUnit(spec.Tier)}: the matrix's people would not relate to it as described.");
        if (spec.Departments) await CallInAsync(id, spec.Tier);
        if (state == CaseState.Assigned) return id;

        await api.MustPostAsync($"/incidents/{id}/accept", null);
        if (state == CaseState.MoveUpRequested && spec.Tier != "county")
            await api.MustPostAsync($"/incidents/{id}/escalation-requests", new { reason = "矩阵测试：提请上级" });
        if (state == CaseState.Resolved)
        {
            await api.MustPostAsync($"/incidents/{id}/resolve", new { note = "矩阵测试：已办结" }, Resolver(spec.Tier));
            await api.WaitForAssignmentAsync(id, a => Str(a, "status") == "resolved", "the clock to stop");
        }
        return id;
    }

    /// <summary>The lead department of the tier and one co-handler: on the township tier township 2's
    /// police station (the "department" cell's person), on the county tier a county bureau.</summary>
    private async Task CallInAsync(Guid id, string tier)
    {
        var (lead, coHandler) = tier == "county" ? (departments.CountyLead, departments.CountyCoHandler) : (departments.TownshipLead, departments.TownshipCoHandler);
        await api.MustPostAsync($"/dispatch/assignments/{id}/departments", new { lead, coHandlers = new[] { new { department = coHandler, deadline = "2d" } } });
        await api.WaitForCaseAsync(id, c => c.GetProperty("timeline").EnumerateArray().Any(t => Str(t, "action") == "departments-assigned"), "the call-in");
    }

    public string CoHandlerOf(CaseSpec spec) => spec.Tier == "county" ? departments.CountyCoHandler : departments.TownshipCoHandler;

    /// <summary>A holder of the tier at the holding unit, other than everyone the matrix probes.</summary>
    private static AuthenticationHeaderValue Resolver(string tier) => TestTokens.Bearer($"resolver.{tier}", tier switch
    {
        "courtyard" => "grid-worker-full-time", "village" => "village-handler", "township" => "township-dispatcher", _ => "county-dispatcher",
    }, tier == "courtyard" ? Demo.Grid : MatrixPeople.HoldingUnit(tier));

    /// <summary>What a refused action must leave as it was: the case (status, tier, handling unit,
    /// grade, timeline, photos, reporters, flags) and Dispatch's assignment (less when Dispatch learnt
    /// of the acceptance, which may still be on its way).</summary>
    public async Task<string> SnapshotAsync(Guid id, bool withMediations = false)
    {
        var incident = await api.GetAsync($"/incidents/{id}") ?? throw new InvalidOperationException($"Case {id} is gone for the officer.");
        var fields = new[] { "status", "tier", "handlingUnitCode", "grade", "supervisedAt", "leadDepartmentCode", "casualties", "mergedInto", "resolvedBy" }
            .Select(f => $"{f}={(incident.TryGetProperty(f, out var v) ? v.ToString() : "?")}");
        var counts = new[] { "timeline", "photos", "reporters" }.Select(f => $"{f}#{incident.GetProperty(f).GetArrayLength()}");
        var assignment = await api.GetAsync($"/dispatch/assignments/{id}");
        var dispatch = "no assignment";
        if (assignment is { } a)
        {
            var node = JsonNode.Parse(a.GetRawText())!.AsObject();
            node["assignment"]!.AsObject().Remove("acceptedAt");
            dispatch = node.ToJsonString();
        }
        var mediations = withMediations ? $" mediations#{(await api.GetAsync($"/incidents/{id}/mediations"))?.GetArrayLength()}" : "";
        return $"{string.Join(' ', fields)} {string.Join(' ', counts)}{mediations} | {dispatch}";
    }

    /// <summary>Waits until nothing more arrives for the case (messages of its setup still travelling), bounded.</summary>
    public async Task QuietAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var last = await SnapshotAsync(id);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(150);
            var now = await SnapshotAsync(id);
            if (now == last) return;
            last = now;
        }
        throw new TimeoutException($"Case {id} kept changing for 10 s: {last}");
    }

    public static string? Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
