namespace Governance.Grids.Handling;

/// <summary>A case a visit found, read and checked field by field (care visits, leaders' visits).</summary>
public sealed record FoundIncident(Category Category, Grade Grade, string Title, string Description);

public static class VisitIncidents
{
    /// <summary>The case, or null with <paramref name="errors"/> filled (fields under <paramref name="prefix"/>).</summary>
    public static FoundIncident? Read(FieldErrors errors, string prefix, VisitIncident i)
    {
        var category = Fields.Enum<Category>(errors, prefix, "category", i.Category);
        var grade = Fields.Enum<Grade>(errors, prefix, "grade", i.Grade);
        var title = Fields.Text(errors, prefix, "title", i.Title, 200);
        var description = Fields.Text(errors, prefix, "description", i.Description, 4000);
        return category is { } c && grade is { } g && title is not null && description is not null ? new FoundIncident(c, g, title, description) : null;
    }
}
