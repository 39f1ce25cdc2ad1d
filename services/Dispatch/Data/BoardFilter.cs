using Dapper;

namespace Governance.Dispatch.Data;

/// <summary>What a unit's board is narrowed to: the fields its rows show. Null: any.</summary>
/// <param name="Accepted">签收: the holder acknowledged the case (true), or not yet (false).</param>
public sealed record BoardFilter(Category? Category = null, Grade? Grade = null, bool? Accepted = null)
{
    /// <summary>The condition on the board's rows (alias <c>a</c>), its values added to <paramref name="parameters"/>.</summary>
    internal string Where(DynamicParameters parameters)
    {
        var conditions = new List<string>();
        if (Category is { } category)
        {
            parameters.Add("category", Codes.Of(category));
            conditions.Add("a.category = @category");
        }
        if (Grade is { } grade)
        {
            parameters.Add("grade", Codes.Of(grade));
            conditions.Add("a.grade = @grade");
        }
        if (Accepted is { } accepted) conditions.Add(accepted ? "a.accepted_at_ms IS NOT NULL" : "a.accepted_at_ms IS NULL");
        return conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
    }
}
