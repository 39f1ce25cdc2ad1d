using Dapper;

namespace Governance.Incidents.Data;

/// <summary>What a case list (and its export) is narrowed to: every field the list shows. Null: any.</summary>
/// <param name="UnitCode">The place or the holding unit is this unit, or the place lies below it.</param>
/// <param name="Overdue">Past the deadline on its tier now (true), or not (false).</param>
/// <param name="FiledFrom">Filed at or after this instant (a China-local day's start, from the endpoint).</param>
/// <param name="FiledBefore">Filed before this instant.</param>
public sealed record CaseFilter(IncidentStatus? Status = null, string? UnitCode = null, Category? Category = null,
    Grade? Grade = null, Tier? Tier = null, bool? Overdue = null, DateTimeOffset? FiledFrom = null, DateTimeOffset? FiledBefore = null,
    bool OpenOnly = false)
{
    /// <summary>The WHERE clause of this filter and <paramref name="reach"/> (null: everything), its values added to
    /// <paramref name="parameters"/>. One text per filter shape, so a prepared statement keeps a plan that fits it.</summary>
    internal string Where(IncidentStore.ListReach? reach, DynamicParameters parameters)
    {
        var conditions = new List<string>();
        void Add(string name, object? value, string condition)
        {
            if (value is null) return;
            parameters.Add(name, value);
            conditions.Add(condition);
        }
        Add("Status", Status is { } s ? Codes.Of(s) : null, "status = @Status");
        Add("Category", Category is { } k ? Codes.Of(k) : null, "category = @Category");
        Add("Grade", Grade is { } g ? Codes.Of(g) : null, "grade = @Grade");
        Add("Tier", Tier is { } t ? Codes.Of(t) : null, "tier = @Tier");
        Add("Overdue", Overdue is { } o ? (o ? 1 : 0) : null, "overdue = @Overdue");
        Add("FiledFromMs", FiledFrom?.ToUnixTimeMilliseconds(), "filed_at_ms >= @FiledFromMs");
        Add("FiledBeforeMs", FiledBefore?.ToUnixTimeMilliseconds(), "filed_at_ms < @FiledBeforeMs");
        // The county is the root: a case does not record it (every case of the deployment lies below it).
        Add("UnitCode", UnitCode, $"""
            (unit_code = @UnitCode OR handling_unit_code = @UnitCode OR grid_code = @UnitCode OR village_code = @UnitCode
             OR township_code = @UnitCode OR EXISTS (SELECT 1 FROM unit_copy WHERE code = @UnitCode AND level = {(short)UnitLevel.County}))
            """);
        if (OpenOnly) conditions.Add("status NOT IN ('closed', 'merged')");
        if (reach is not null)
        {
            // The place in one of the caller's subtrees, or he reported it, or his department was called in.
            parameters.Add("Reporter", reach.Reporter);
            parameters.Add("Department", reach.Department);
            conditions.Add("(" + string.Join(" OR ", new[] { "unit_code", "grid_code", "village_code", "township_code" }
                .Where(_ => reach.Units.Count > 0)
                .Select((column, i) => SqlList.In(column, $"j{i}_", reach.Units, parameters))
                .Append("reported_by = @Reporter")
                .Append("id IN (SELECT incident_id FROM incident_departments WHERE department_code = @Department)")) + ")");
        }
        return conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
    }
}
