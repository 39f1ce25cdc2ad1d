namespace Governance.FaultTests.Harness;

/// <summary>One fault run per machine at a time: two would stop each other's broker and database in the middle
/// of a scenario. A second run waits (bounded) for the first.</summary>
public static class MachineLock
{
    public static async Task<IDisposable> TakeAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "governance-fault-tests.lock");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { await Task.Delay(1000); }
        }
    }
}
