using Dapper;
using Governance.Contracts;
using Governance.Dispatch;
using Governance.Dispatch.Data;
using Governance.Dispatch.Deadlines;
using Governance.Dispatch.Handling;
using Governance.Dispatch.Model;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;
using Governance.Infrastructure.UnitCopy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Governance.UnitTests.Dispatch;

/// <summary>
/// Dispatch's routing and deadline sweeper over a SQLite file of its own, with a fake clock and no
/// bus: what they publish stays in the outbox, where a test reads it. One county, township, village,
/// grid and courtyard.
/// </summary>
public sealed class DispatchSandbox : IAsyncDisposable
{
    public const string County = "500101000000", Township = "500101001000", Village = "500101001001",
        Grid = "500101001001001", Courtyard = "500101001001001001";

    private readonly string _folder;
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)); // a Monday, 09:00 in China
    public DispatchDatabase Db { get; }
    public UnitOfWorkRunner<DispatchDatabase> Runner { get; }
    public PolicyStore Policies { get; } = new();
    public DeadlineSweeper Sweeper { get; }
    private readonly Router _router;

    private DispatchSandbox(string folder)
    {
        _folder = folder;
        Db = new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "dispatch.db")};Pooling=False"));
        Runner = new UnitOfWorkRunner<DispatchDatabase>(Db, new Outbox<DispatchDatabase>(Db, Time), Time);
        var calendars = new CalendarStore(Options.Create(new CalendarOptions()), Time);
        _router = new Router(Policies, calendars);
        Sweeper = new DeadlineSweeper(Runner, new MissedDeadlines(Policies, new Escalator(Policies, calendars)), Time,
            Options.Create(new DeadlineSweeperOptions()), NullLogger<DeadlineSweeper>.Instance);
    }

    /// <summary>A fresh database with the units and <paramref name="policy"/> as version 1.</summary>
    public static async Task<DispatchSandbox> StartAsync(RoutingPolicy policy)
    {
        var folder = Directory.CreateTempSubdirectory("governance-dispatch-sandbox-").FullName;
        var sandbox = new DispatchSandbox(folder);
        await new MigrationRunner(sandbox.Db, sandbox.Time, NullLogger<MigrationRunner>.Instance).MigrateAsync(
            [MigrationTrack.Messaging, MigrationTrack.UnitCopy, MigrationTrack.ForService(DispatchModule.ServiceName, typeof(DispatchModule).Assembly)]);
        await sandbox.Runner.RunAsync(async uow =>
        {
            await UnitCopyStore.UpsertAsync(uow,
            [
                new(County, "示范县", UnitLevel.County, null, 1), new(Township, "一镇", UnitLevel.Township, County, 1),
                new(Village, "一村", UnitLevel.Village, Township, 1), new(Grid, "一网格", UnitLevel.Grid, Village, 1),
                new(Courtyard, "一院落", UnitLevel.Courtyard, Grid, 1),
            ]);
            await sandbox.Policies.AddVersionAsync(uow, policy, "test", uow.Now);
        });
        return sandbox;
    }

    /// <summary>Stores a policy document as it is, as an older Dispatch wrote it; returns its version.</summary>
    public Task<int> StoreRawPolicyAsync(string document) => Runner.RunAsync(async uow =>
    {
        var version = await uow.Connection.ExecuteScalarAsync<int>("SELECT MAX(version) FROM policies", transaction: uow.Transaction) + 1;
        await uow.Connection.ExecuteAsync("INSERT INTO policies (version, document, created_at_ms, created_by) VALUES (@version, @document, 0, 'old')",
            new { version, document }, uow.Transaction);
        return version;
    });

    public Task AddPolicyAsync(RoutingPolicy policy) =>
        Runner.RunAsync(uow => Policies.AddVersionAsync(uow, policy, "test", uow.Now));

    public async Task<Guid> FileAsync(Category category, Grade grade, string place = Courtyard)
    {
        var id = Guid.CreateVersion7();
        await Runner.RunAsync(uow => _router.RouteAsync(uow, new IncidentFiled(id, place, category, grade, "t", "gw", Time.GetUtcNow())));
        return id;
    }

    /// <summary>The unit acknowledged the case (签收), as IncidentAccepted tells Dispatch.</summary>
    public Task AcceptAsync(Guid id) => Runner.RunAsync(async uow =>
    {
        var a = (await AssignmentStore.FindAsync(uow, id))!;
        await AssignmentStore.UpdateAsync(uow, a with { AcceptedAt = uow.Now }, uow.Now);
    });

    public async Task<int> SweepAfterAsync(TimeSpan elapsed)
    {
        Time.Advance(elapsed);
        return await Sweeper.SweepAsync();
    }

    public async Task<Assignment> AssignmentAsync(Guid id)
    {
        await using var c = await Db.OpenReadAsync();
        return (await AssignmentStore.FindAsync(c, id))!;
    }

    /// <summary>The messages published about a case so far, oldest first, as (type name, JSON body).</summary>
    public async Task<IReadOnlyList<(string Type, string Body)>> PublishedAsync(Guid id)
    {
        await using var c = await Db.OpenAsync();
        var rows = await c.QueryAsync<(string, string)>(
            "SELECT message_type, body FROM outbox_messages WHERE body LIKE @like ORDER BY created_at_ms, id", new { like = $"%{id}%" });
        return rows.Select(r => (r.Item1[(r.Item1.LastIndexOf('.') + 1)..], r.Item2)).ToList();
    }

    public async Task<IReadOnlyList<BoardNote>> NotesAsync(string unitCode)
    {
        await using var c = await Db.OpenReadAsync();
        return await BoardNoteStore.LiveForUnitAsync(c, unitCode);
    }

    public ValueTask DisposeAsync()
    {
        // No pool (Pooling=False): every connection closed with its command, so the files can go.
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
