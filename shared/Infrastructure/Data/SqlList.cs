using Dapper;

namespace Governance.Infrastructure.Data;

/// <summary>
/// "column IN (@x0, @x1, …)" with each value bound on its own. Dapper expands <c>IN @list</c> for
/// SQLite and SQL Server but hands PostgreSQL the list as one array parameter, which IN does not
/// take; spelling the list out keeps one SQL text for the three dialects.
/// </summary>
public static class SqlList
{
    /// <summary>Lists are cut to this many values per statement (SQL Server takes 2,100 parameters).</summary>
    public const int ChunkSize = 500;

    public static string In<T>(string column, string name, IReadOnlyCollection<T> values, DynamicParameters parameters)
    {
        if (values.Count == 0) return "1 = 0";
        var i = 0;
        var names = new List<string>(values.Count);
        foreach (var value in values)
        {
            var parameter = $"{name}{i++}";
            parameters.Add(parameter, value);
            names.Add("@" + parameter);
        }
        return $"{column} IN ({string.Join(", ", names)})";
    }

    /// <summary>A parameter set for <see cref="In{T}"/> plus named values.</summary>
    public static DynamicParameters With(object? values = null) => new(values);
}
