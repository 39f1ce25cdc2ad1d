using Governance.Grids.Handling;

namespace Governance.Grids.Import;

/// <summary>
/// Care subjects from CSV (kind,name,courtyardCode,gridWorkerId and optionally
/// idNumber,phone,visitEveryDays,notes), registered as POST /grids/care/subjects does. All rows are
/// checked first; one bad row, nothing changes; one row at a courtyard outside the caller's reach,
/// and the whole file is refused.
/// </summary>
public static class CareSubjectImport
{
    public static readonly string[] Required = ["kind", "name", "courtyardCode", "gridWorkerId"];
    public static readonly string[] Optional = ["idNumber", "phone", "visitEveryDays", "notes"];

    public static async Task<(ImportResult? Result, FieldErrors Errors)> RunAsync(UnitOfWork<GridsDatabase> uow, string csv, string actor, Reach reach)
    {
        var (csvRows, errors) = Csv.Parse(csv, Required, Optional);
        // Reach before the rows' faults (403 before 400): every row that could be read names its courtyard;
        // a file whose header cannot be read names none, and is answered 400.
        await ImportRefusedException.ThrowIfAnyAsync(uow, reach, csvRows.Select(r => (r.Prefix + "courtyardCode", r["courtyardCode"])));
        if (errors.Any) return (null, errors);


        var courtyards = await UnitStore.FindManyAsync(uow, csvRows.Select(r => r["courtyardCode"]).OfType<string>());
        var workers = await StaffStore.FindManyAsync(uow, csvRows.Select(r => r["gridWorkerId"]).OfType<string>());
        var subjects = new List<CareSubject>();
        foreach (var r in csvRows)
        {
            var request = new RegisterCareSubject(r["kind"], r["name"], r["idNumber"], r["phone"], r["courtyardCode"], r["gridWorkerId"], r["visitEveryDays"], r["notes"]);
            var fields = CareRegistration.CheckFields(errors, r.Prefix, request);

            CareRegistration.CheckPlaceAndWorker(errors, r.Prefix, fields,
                fields.CourtyardCode is { } code ? courtyards.GetValueOrDefault(code) : null,
                fields.GridWorkerId is { } id ? workers.GetValueOrDefault(id) : null);
            if (!errors.Any) subjects.Add(CareRegistration.ToSubject(fields, uow.Now, actor));
        }
        if (errors.Any) return (null, errors);

        await CareStore.InsertSubjectsAsync(uow, subjects);
        return (new ImportResult(subjects.Count, subjects.Count, 0, 0), errors);
    }
}
