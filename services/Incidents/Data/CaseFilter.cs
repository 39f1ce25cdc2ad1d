using Dapper;

namespace Governance.Incidents.Data;

/// <summary>What a case list (and its export) is narrowed to: every field the list shows. Null: any.</summary>
/// <param name="UnitCode">The place or the holding unit is this unit, or the place lies below it.</param>
/// <param name="Overdue">Past the deadline on its tier now (true), or not (false).</param>
/// <param name="FiledFrom">Filed at or after this instant (a China-local day's start, from the endpoint).</param>
/// <param name="FiledBefore">Filed before this instant.</param>
/// <param name="TitleContains">The title holds this text, letter case aside; taken literally (a % or _ is that character).</param>
/// <param name="Supervised">督办: a level above supervised the case (true), or none did (false).</param>
/// <param name="InHand">包案: a leader took the case in hand (true), or none did (false).</param>
/// <param name="DueFrom">The deadline on its tier is at or after this instant (a case without one is left out).</param>
/// <param name="DueBefore">The deadline is before this instant (a case without one is left out).</param>
public sealed record CaseFilter(IncidentStatus? Status = null, string? UnitCode = null, Category? Category = null,
    Grade? Grade = null, Tier? Tier = null, bool? Overdue = null, DateTimeOffset? FiledFrom = null, DateTimeOffset? FiledBefore = null,
    bool OpenOnly = false, string? TitleContains = null, bool? Supervised = null, bool? InHand = null,
    DateTimeOffset? DueFrom = null, DateTimeOffset? DueBefore = null)
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
        Add("DueFromMs", DueFrom?.ToUnixTimeMilliseconds(), "due_at_ms >= @DueFromMs");
        Add("DueBeforeMs", DueBefore?.ToUnixTimeMilliseconds(), "due_at_ms < @DueBeforeMs");
        // LOWER on both sides, since LIKE ignores case on SQLite (ASCII) but not on PostgreSQL; the text's own
        // wildcards are escaped, so it is matched as typed in every dialect (SQL Server's [ too).
        Add("TitleLike", TitleContains is { } q ? "%" + LikeLiteral(q) + "%" : null, @"LOWER(title) LIKE LOWER(@TitleLike) ESCAPE '\'");
        if (Supervised is { } supervised) conditions.Add(supervised ? "supervised_at_ms IS NOT NULL" : "supervised_at_ms IS NULL");
        if (InHand is { } inHand) conditions.Add((inHand ? "" : "NOT ") + "EXISTS (SELECT 1 FROM cases_in_hand h WHERE h.incident_id = id)");
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

    /// <summary>The text as a LIKE pattern that matches only itself (escape character: a backslash).</summary>
    internal static string LikeLiteral(string text) => text
        .Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_").Replace("[", @"\[");
}
