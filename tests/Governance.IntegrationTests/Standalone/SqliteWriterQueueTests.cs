using Dapper;
using Governance.Dispatch.Data;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Standalone;

/// <summary>
/// Standalone keeps each service in one SQLite file, which takes one writer at a time: the process
/// queues its writers per file (Database.InTransactionAsync) instead of leaving them to SQLite's
/// sleeping busy handler.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SqliteWriterQueueTests
{
    private ScratchDatabase _scratch = null!;

    [OneTimeSetUp]
    public async Task CreateAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync(DatabaseProvider.Sqlite, "writers");
        await using var c = await new DispatchDatabase(_scratch.Options).OpenAsync();
        await c.ExecuteAsync("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO counter VALUES (1, 0);");
    }

    [OneTimeTearDown]
    public async Task DropAsync() => await _scratch.DisposeAsync();

    [Test]
    public async Task Many_writers_at_once_each_read_and_write_in_turn_and_none_is_lost()
    {
        // Two instances of the database type, as two scopes would have: the queue belongs to the file.
        Database[] databases = [new DispatchDatabase(_scratch.Options), new DispatchDatabase(_scratch.Options)];
        const int writers = 200;
        var before = await CountAsync(databases[0]);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => databases[i % 2].InTransactionAsync(async (c, t) =>
        {
            // Read, then write what was read plus one: lost updates would show if two ran at once.
            var n = await c.ExecuteScalarAsync<long>("SELECT n FROM counter WHERE id = 1", transaction: t);
            await Task.Yield();
            await c.ExecuteAsync("UPDATE counter SET n = @n WHERE id = 1", new { n = n + 1 }, t);
        }))));
        Assert.That(await CountAsync(databases[0]), Is.EqualTo(before + writers));
    }

    [Test]
    public async Task A_transaction_opened_inside_another_on_the_same_file_is_refused_at_once_instead_of_waiting_for_itself()
    {
        var database = new DispatchDatabase(_scratch.Options);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => database.InTransactionAsync(async (c, t) =>
        {
            await c.ExecuteAsync("UPDATE counter SET n = n WHERE id = 1", transaction: t);
            await new DispatchDatabase(_scratch.Options).InTransactionAsync((_, _) => Task.CompletedTask);
        }));
        Assert.That(refused!.Message, Does.Contain("inside another on the same file"));
    }

    private static async Task<long> CountAsync(Database database)
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT n FROM counter WHERE id = 1");
    }
}
