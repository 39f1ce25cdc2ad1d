namespace Governance.IntegrationTests.Support;

/// <summary>
/// Deletes the folder a standalone fixture kept its SQLite files in. A failed delete is a failed
/// OneTimeTearDown, which the test runner reports only as "Test Run Failed" with every test passed,
/// so a folder that is not empty at once is retried briefly, and what was still in it is said
/// (a file appearing after the host stopped would mean something wrote after shutdown).
/// </summary>
public static class ScratchFolder
{
    private const int Attempts = 20;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public static async Task DeleteAsync(string folder)
    {
        // Pooled connections keep the files (and SQLite's -wal and -shm beside them) open.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException ex) when (attempt < Attempts)
            {
                TestContext.Progress.WriteLine($"Deleting {folder} (attempt {attempt}) failed: {ex.Message}; it holds {Entries(folder)}");
                await Task.Delay(Pause);
            }
        }
    }

    private static string Entries(string folder) =>
        Directory.Exists(folder) ? string.Join(", ", Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName)) : "nothing";
}
