using Governance.Infrastructure.Data;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// An empty database for one fixture or test, on the provider it runs on: a PostgreSQL database of
/// its own, or a SQLite file in a fresh temporary folder. Gone (dropped, deleted) when disposed.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string? _postgresName;
    private readonly string? _folder;

    public DatabaseOptions Options { get; }

    private ScratchDatabase(DatabaseOptions options, string? postgresName, string? folder)
    {
        Options = options;
        _postgresName = postgresName;
        _folder = folder;
    }

    /// <param name="name">Names the PostgreSQL database (with the process id, so parallel runs do not meet).</param>
    public static async Task<ScratchDatabase> CreateAsync(DatabaseProvider provider, string name)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var database = $"t_{name}_{Environment.ProcessId}";
            return new ScratchDatabase(new DatabaseOptions(DatabaseProvider.Postgres, await TestServers.CreateDatabaseAsync(database)), database, null);
        }
        var folder = Path.Combine(Path.GetTempPath(), $"governance-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return new ScratchDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={folder}/{name}.db"), null, folder);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null) await TestServers.DropDatabaseAsync(_postgresName);
        if (_folder is not null) await ScratchFolder.DeleteAsync(_folder);
    }
}
