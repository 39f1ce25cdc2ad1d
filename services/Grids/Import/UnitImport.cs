using Governance.Grids.Handling;

namespace Governance.Grids.Import;

/// <summary>
/// Units from CSV (code,name,level,parentCode). A new code creates a unit; a known code renames
/// and/or moves it (re-gridding in bulk), with history. Parents may be earlier or later in the same
/// file. Every row is checked before anything is written; one bad row and nothing changes.
/// </summary>
public static class UnitImport
{
    public static readonly string[] Required = ["code", "name", "level"];
    public static readonly string[] Optional = ["parentCode"];

    private sealed record Row(CsvRow Csv, string Code, string Name, UnitLevel Level, string? ParentCode);

    public static async Task<(ImportResult? Result, FieldErrors Errors)> RunAsync(UnitOfWork<GridsDatabase> uow, string csv, string actor)
    {
        var (csvRows, errors) = Csv.Parse(csv, Required, Optional);
        if (errors.Any) return (null, errors);

        var rows = new List<Row>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in csvRows)
        {
            var code = Fields.Code(errors, r.Prefix, "code", r["code"], UnitChanges.MaxCodeLength);
            var name = Fields.Text(errors, r.Prefix, "name", r["name"], UnitChanges.MaxNameLength);
            var level = Fields.Enum<UnitLevel>(errors, r.Prefix, "level", r["level"]);
            var parentCode = Fields.Code(errors, r.Prefix, "parentCode", r["parentCode"], UnitChanges.MaxCodeLength, required: level is not UnitLevel.County);
            if (level == UnitLevel.County && parentCode is not null) errors.Add(r.Prefix + "parentCode", GridsTexts.CountyNoParent);
            if (code is not null && !firstRowOf.TryAdd(code, r.Index))
                errors.Add(r.Prefix + "code", GridsTexts.AppearsTwice("code", code, firstRowOf[code]));
            else if (code is not null && name is not null && level is not null) rows.Add(new Row(r, code, name, level.Value, parentCode));
        }

        var known = await UnitStore.FindManyAsync(uow,
            rows.Select(r => r.Code).Concat(rows.Where(r => r.ParentCode is not null).Select(r => r.ParentCode!)));
        // A parent defined in the file counts as it will be after the import.
        var inFile = rows.ToDictionary(r => r.Code, r => new Unit(r.Code, r.Name, r.Level, r.ParentCode, 0), StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var prefix = row.Csv.Prefix;
            if (known.TryGetValue(row.Code, out var existing))
            {
                if (existing.Retired) errors.Add(prefix + "code", GridsTexts.RetiredDoesNotChange(row.Code));
                if (existing.Level != row.Level)
                    errors.Add(prefix + "level", GridsTexts.RetiredDoesNotChangeLevel(row.Code, Codes.Of(existing.Level)));
            }
            if (row.ParentCode is { } parentCode)
            {
                var parent = inFile.GetValueOrDefault(parentCode) ?? known.GetValueOrDefault(parentCode);
                if (UnitChanges.WhyNotParent(row.Level, parent, parentCode) is { } why) errors.Add(prefix + "parentCode", $"parentCode: {why}");
            }
        }
        if (errors.Any) return (null, errors);

        var creates = rows.Where(r => !known.ContainsKey(r.Code)).OrderBy(r => r.Level)
            .Select(r => new Unit(r.Code, r.Name, r.Level, r.ParentCode, 1)).ToList();
        await UnitChanges.InsertAsync(uow, creates, actor);
        var updated = 0;
        foreach (var row in rows.Where(r => known.ContainsKey(r.Code)))
        {
            var existing = known[row.Code];
            if (existing.Name == row.Name && existing.ParentCode == row.ParentCode) continue;
            if (await UnitChanges.ChangeAsync(uow, existing, row.Name, row.ParentCode, actor) is null)
                throw new ImportConflictException(GridsTexts.ChangedDuringImport(row.Code));
            updated++;
        }
        return (new ImportResult(rows.Count, creates.Count, updated, rows.Count - creates.Count - updated), errors);
    }
}
