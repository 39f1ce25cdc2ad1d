namespace Governance.Grids.Import;

/// <summary>What an import did. A file with any bad row does nothing, so this is only ever the
/// answer for a whole file that went in.</summary>
public sealed record ImportResult(int Rows, int Created, int Updated, int Unchanged);

/// <summary>Thrown inside an import's transaction when the data changed under it after it was
/// validated; the transaction rolls back and the client is told to retry.</summary>
public sealed class ImportConflictException(string message) : Exception(message);
