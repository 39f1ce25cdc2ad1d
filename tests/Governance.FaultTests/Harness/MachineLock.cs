namespace Governance.FaultTests.Harness;

/// <summary>
/// One fault run per machine at a time (a file held open exclusively in the temporary folder): two would
/// stop each other's broker and database, or start the same cluster nodes, in the middle of a scenario.
/// A second run waits, bounded, for the first.
/// </summary>
public static class MachineLock
{
    public const string FaultTests = "governance-fault-tests.lock";

    public static async Task<IDisposable> TakeAsync(string name, TimeSpan limit)
    {
        var path = Path.Combine(Path.GetTempPath(), name);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { await Task.Delay(1000); }
        }
    }
}
