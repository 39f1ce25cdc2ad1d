using Governance.Grids.Handling;

namespace Governance.Grids.Import;

/// <summary>What an import did. A file with any bad row does nothing, so this is only ever the
/// answer for a whole file that went in. <paramref name="Warnings"/>: what a person should look at
/// though it went in (boundaries: overlaps and gaps); null for imports that have none to give.</summary>
public sealed record ImportResult(int Rows, int Created, int Updated, int Unchanged, IReadOnlyList<BoundaryWarning>? Warnings = null);

/// <summary>Thrown inside an import's transaction when the data changed under it after it was
/// validated; the transaction rolls back and the client is told to retry.</summary>
public sealed class ImportConflictException(string message) : Exception(message);

/// <summary>Thrown inside an import's transaction, before anything is written, when rows lie outside
/// the caller's reach: the whole file is refused (403), naming those rows.</summary>
public sealed class ImportRefusedException(IReadOnlyList<(string Key, string UnitCode, string Why)> rows)
    : Exception(GridsTexts.ImportOutsideReach(rows[0].Why, string.Join(", ", rows.Take(50).Select(r => $"{r.Key} '{r.UnitCode}'")), rows.Count - 50))
{
    public IReadOnlyList<string> Rows { get; } = rows.Select(r => r.Key).ToList();

    /// <summary>Refuses the import when any of <paramref name="rows"/> is out of reach.</summary>
    public static async Task ThrowIfAnyAsync(UnitOfWork<GridsDatabase> uow, Reach reach, IEnumerable<(string Key, string? UnitCode)> rows)
    {
        var refused = await reach.RefusedAsync(uow, rows);
        if (refused.Count > 0) throw new ImportRefusedException(refused);
    }
}
