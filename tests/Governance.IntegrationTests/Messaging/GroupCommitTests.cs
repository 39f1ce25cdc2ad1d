using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dapper;
using Governance.Incidents.Data;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;
using Governance.IntegrationTests.Grids;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.Messaging;

/// <summary>
/// Group commit (shared/Infrastructure/Messaging/GroupCommit.cs, issue #19) on both real databases: changes
/// handed over together are written in one transaction, yet each caller gets exactly what it would have
/// alone — its own result, its own moment, its own messages under its own trace — only after the commit;
/// a change that throws fails alone and leaves nothing behind; a transient fault retries the whole group.
/// The first change of each test holds its group open until every other has been handed over, so the
/// groups are formed by construction, not by timing.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
[NonParallelizable]
public sealed class GroupCommitTests(Provider provider)
{
    private const int MaxSize = 16;
    private ScratchDatabase _scratch = null!;
    private IncidentsDatabase _db = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));

    [OneTimeSetUp]
    public async Task CreateAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync(provider.Database(), "group_commit");
        _db = new IncidentsDatabase(_scratch.Options);
        await TestMigrations.RunAsync(_db, [MigrationTrack.Messaging]);
        await using var c = await _db.OpenAsync();
        await c.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, at_ms BIGINT NOT NULL, text VARCHAR(100) NOT NULL UNIQUE)");
    }

    [OneTimeTearDown]
    public async Task DropAsync() => await _scratch.DisposeAsync();

    [SetUp]
    public async Task EmptyAsync()
    {
        await using var c = await _db.OpenAsync();
        await c.ExecuteAsync("DELETE FROM notes; DELETE FROM outbox_messages; DELETE FROM inbox_messages");
    }

    private GroupCommit<IncidentsDatabase> Groups(int writers = 1) =>
        new(_db, new Outbox<IncidentsDatabase>(_db, _time), _time, Options.Create(new GroupCommitOptions { MaxSize = MaxSize, Writers = writers }));

    /// <summary>A change: a note and a message announcing it; answers its id.</summary>
    private static Func<UnitOfWork<IncidentsDatabase>, Task<int>> Note(int id, string? text = null) => async uow =>
    {
        await uow.ExecuteAsync("INSERT INTO notes (id, at_ms, text) VALUES (@id, @at, @text)", new { id, at = uow.Now.ToUnixTimeMilliseconds(), text = text ?? $"note {id}" });
        await uow.PublishAsync(new NoteWritten(id));
        return id;
    };

    public sealed record NoteWritten(int Id);

    /// <summary>Hands over <paramref name="changes"/> in order; the first holds its group open until all are handed over.</summary>
    private static async Task<Task<T>[]> HandOverAsync<T>(GroupCommit<IncidentsDatabase> groups, IReadOnlyList<Func<UnitOfWork<IncidentsDatabase>, Task<T>>> changes,
        IReadOnlyList<InboxEntry?>? inbox = null, IReadOnlyList<Guid?>? lockOrders = null)
    {
        var allHandedOver = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = changes[0];
        var tasks = new Task<T>[changes.Count];
        tasks[0] = Task.Run(() => groups.RunAsync<T>(async uow =>
        {
            await allHandedOver.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return await first(uow);
        }, inbox?[0]));
        // The first has taken the writer once its group is open: wait for that before handing over the rest.
        await Eventually.GetAsync(() => Task.FromResult(tasks[0].IsCompleted || groups.Writing > 0), ok => ok, TimeSpan.FromSeconds(10), "the first change's group to open");
        for (var i = 1; i < changes.Count; i++) tasks[i] = groups.RunAsync(changes[i], inbox?[i], lockOrders?[i]);
        allHandedOver.SetResult();
        return tasks;
    }

    /// <summary>The group sizes recorded on governance.group_commit.size (what /metrics shows) while it lives.</summary>
    private static MeterListener GroupSizes(List<long> sizes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Infrastructure.Telemetry.GovernanceMetrics.MeterName && instrument.Name == "governance.group_commit.size")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, size, _, _) => { lock (sizes) sizes.Add(size); });
        listener.Start();
        return listener;
    }


    /// <summary>A consumer's change as TransactionalConsumer makes it: its inbox row first, its effect only the first time.
    /// Answers the note's id, or minus it for a repeat.</summary>
    private static Func<UnitOfWork<IncidentsDatabase>, Task<int>> Consume(Guid messageId, int id) => async uow =>
    {
        if (!await Inbox.FirstTimeAsync(uow, messageId, "NoteConsumer")) return -id;
        return await Note(id)(uow);
    };

    [Test]
    public async Task A_groups_inbox_rows_are_recorded_together_and_each_message_is_handled_once_whether_done_before_or_twice_in_the_group()
    {
        var groups = Groups();
        var before = Guid.CreateVersion7();
        Assert.That(await groups.RunAsync(Consume(before, 100), new InboxEntry(before, "NoteConsumer")), Is.EqualTo(100));
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var messages = new[] { a, before, b, b, Guid.CreateVersion7() };
        var inbox = messages.Select(m => (InboxEntry?)new InboxEntry(m, "NoteConsumer")).ToList();
        inbox[^1] = null; // a change that records its own row (no entry handed to the group): the same answer

        var tasks = await HandOverAsync(groups, messages.Select((m, i) => Consume(m, i + 1)).ToList(), inbox);
        var results = await Task.WhenAll(tasks);

        Assert.That(results, Is.EqualTo(new[] { 1, -2, 3, -4, 5 }), "done before: a repeat; the same message twice in one group: once");
        await using var c = await _db.OpenAsync();
        Assert.That(await c.QueryAsync<int>("SELECT id FROM notes ORDER BY id"), Is.EqualTo(new[] { 1, 3, 5, 100 }));
        var rows = (await c.QueryAsync<(Guid Id, long At)>(
            "SELECT message_id, processed_at_ms FROM inbox_messages WHERE consumer = 'NoteConsumer'")).ToDictionary(r => r.Id, r => r.At);
        Assert.That(rows.Keys, Is.EquivalentTo(new[] { before, a, b, messages[^1] }), "one inbox row per message");
        Assert.That(rows[a], Is.EqualTo(_time.GetUtcNow().ToUnixTimeMilliseconds()), "with its change's moment");
    }

    [Test]
    public async Task A_read_once_is_read_by_the_groups_first_change_given_to_the_others_and_read_again_when_the_group_runs_again()
    {
        var groups = Groups();
        var reads = 0;
        Task<string> Read() { Interlocked.Increment(ref reads); return Task.FromResult("policy v7"); }
        Func<UnitOfWork<IncidentsDatabase>, Task<string>> Routes(int id, bool fails = false) => async uow =>
        {
            var policy = await uow.ReadOnceAsync("policy", Read);
            if (fails) throw new InvalidOperationException("this change is refused");
            await Note(id)(uow);
            return policy;
        };

        var tasks = await HandOverAsync(groups, [Routes(1), Routes(2), Routes(3, fails: true), Routes(4)]);
        Assert.That(await Task.WhenAll(tasks[0], tasks[1], tasks[3]), Is.All.EqualTo("policy v7"));
        Assert.That(async () => await tasks[2], Throws.InvalidOperationException);
        // The first change's group is itself alone (it holds the writer while the rest are handed over): one read.
        // The others' group: once for its first attempt (three changes), once again for the attempt without the
        // change that threw — a new transaction reads afresh, nothing of a rolled-back attempt is kept.
        Assert.That(reads, Is.EqualTo(3));
        await using var c = await _db.OpenAsync();
        Assert.That(await c.QueryAsync<int>("SELECT id FROM notes ORDER BY id"), Is.EqualTo(new[] { 1, 2, 4 }));
    }

    [Test]
    public async Task Changes_handed_over_together_share_transactions_and_each_caller_gets_its_own_result_after_the_commit()
    {
        const int changes = 1 + 3 * MaxSize;
        var groups = Groups();
        var sizes = new List<long>();
        using var meter = GroupSizes(sizes);
        var tasks = await HandOverAsync(groups, Enumerable.Range(1, changes).Select(i => Note(i)).ToList());
        var results = await Task.WhenAll(tasks);

        Assert.That(results, Is.EqualTo(Enumerable.Range(1, changes)), "each caller its own answer");
        lock (sizes) Assert.That(sizes, Is.EqualTo(new long[] { 1, MaxSize, MaxSize, MaxSize }), "the first alone, then groups of at most MaxSize");
        await using var c = await _db.OpenAsync();
        Assert.That(await c.QueryAsync<int>("SELECT id FROM notes ORDER BY id"), Is.EqualTo(Enumerable.Range(1, changes)));
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages"), Is.EqualTo(changes), "one message per change");
    }

    /// <summary>Two groups that lock the same rows in different orders deadlock (Grids' assessment rows did, hundreds a
    /// minute under load): changes naming the key of the rows they lock run in the order of those keys, the ones naming
    /// none first as they came, two of one key in the order they came; and each caller still gets its own answer.</summary>
    [Test]
    public async Task Changes_naming_the_rows_they_lock_run_in_that_order_and_each_caller_gets_its_own_answer()
    {
        var ran = new List<int>();
        Func<UnitOfWork<IncidentsDatabase>, Task<int>> Recorded(int id) => async uow =>
        {
            lock (ran) ran.Add(id);
            return await Note(id)(uow);
        };
        Guid Key(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");
        // The first change is a group of its own (HandOverAsync); the other five form the second.
        var keys = new Guid?[] { null, Key(3), null, Key(1), Key(3), Key(2) };
        var tasks = await HandOverAsync(Groups(), Enumerable.Range(1, keys.Length).Select(Recorded).ToList(), lockOrders: keys);
        var results = await Task.WhenAll(tasks);

        Assert.That(results, Is.EqualTo(Enumerable.Range(1, keys.Length)), "each caller its own answer");
        lock (ran) Assert.That(ran, Is.EqualTo(new[] { 1, 3, 4, 6, 2, 5 }), "no key first, then keys 1, 2, 3; key 3's two as they came");
    }

    private static readonly InsertTable Log = new("notes_log", ["id", "note_id", "at_ms", "text"]);

    /// <summary>Rows left for the end (outbox rows, timeline steps: RowsAtCommit) are written once for the group, many per
    /// statement and past one statement's worth, and read back exactly as a row bound one at a time would: a Guid id
    /// found again by a Dapper parameter (SQLite keeps Guids as text either way), a null a null. Not there to be read
    /// inside the transaction before its end — the contract callers of InsertAtCommit rely on.</summary>
    [Test]
    public async Task Rows_left_for_the_end_are_written_together_and_read_back_as_written()
    {
        await using (var setup = await _db.OpenAsync())
            await setup.ExecuteAsync("DROP TABLE IF EXISTS notes_log; CREATE TABLE notes_log (id VARCHAR(36) PRIMARY KEY, note_id INTEGER NOT NULL, at_ms BIGINT NOT NULL, text VARCHAR(2000) NULL)");
        var groups = Groups();
        const int changes = MaxSize;
        var seenInside = new long[changes];
        var tasks = await HandOverAsync(groups, Enumerable.Range(0, changes).Select(i => (Func<UnitOfWork<IncidentsDatabase>, Task<int>>)(async uow =>
        {
            // 30 rows a change: 480 in the group, past BulkInsert's rows per statement.
            for (var r = 0; r < 30; r++)
                uow.InsertAtCommit(Log, $"{i:D2}-{r:D2}", i, uow.Now.ToUnixTimeMilliseconds(), r == 0 ? null : new string('字', 100 + r));
            await uow.PublishAsync(new NoteWritten(i));
            await uow.PublishAsync(new NoteWritten(1000 + i));
            seenInside[i] = await uow.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes_log WHERE note_id = @i", new { i });
            return i;
        })).ToList());
        await Task.WhenAll(tasks);

        Assert.That(seenInside, Has.All.EqualTo(0), "not written until the transaction's end");
        await using var c = await _db.OpenAsync();
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes_log"), Is.EqualTo(changes * 30));
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes_log WHERE text IS NULL"), Is.EqualTo(changes));
        Assert.That(await c.ExecuteScalarAsync<string>("SELECT text FROM notes_log WHERE id = '07-29'"), Is.EqualTo(new string('字', 129)));
        var ids = (await c.QueryAsync<Guid>("SELECT id FROM outbox_messages")).ToList();
        Assert.That(ids.Distinct().Count(), Is.EqualTo(2 * changes), "two messages a change, each its own id");
        foreach (var id in ids.Take(5))
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE id = @id", new { id }), Is.EqualTo(1),
                "found by a Guid bound as the relay binds it");
    }

    [Test]
    public async Task Each_change_keeps_the_moment_it_was_handed_over_and_its_callers_trace()
    {
        using var listener = new ActivityListener { ShouldListenTo = _ => true, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("group-commit-test");
        var groups = Groups();
        var callers = new List<(string TraceParent, long AtMs, Task<int> Done)>();
        var holdFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = new List<Activity>();
        for (var i = 1; i <= 4; i++)
        {
            // Each request's span lives until it is answered, as ASP.NET Core's does; each its own trace.
            Activity.Current = null;
            var request = source.StartActivity($"request {i}")!;
            requests.Add(request);
            var id = i;
            var at = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var done = groups.RunAsync<int>(async uow =>
            {
                if (id == 1) await holdFirst.Task.WaitAsync(TimeSpan.FromSeconds(30));
                return await Note(id)(uow);
            });
            callers.Add((request.Id!, at, done));
            _time.Advance(TimeSpan.FromSeconds(7));
        }
        holdFirst.SetResult();
        await Task.WhenAll(callers.Select(c => c.Done));
        Activity.Current = null;
        foreach (var request in requests) request.Dispose();

        await using var c = await _db.OpenAsync();
        var notes = (await c.QueryAsync<(long Id, long AtMs)>("SELECT id, at_ms FROM notes ORDER BY id")).ToList();
        Assert.That(notes.Select(n => n.AtMs), Is.EqualTo(callers.Select(x => x.AtMs)), "each change's Now is its own");
        var traces = (await c.QueryAsync<string>("SELECT trace_parent FROM outbox_messages ORDER BY created_at_ms, id")).ToList();
        Assert.That(traces, Is.EquivalentTo(callers.Select(x => x.TraceParent)), "each message continues its own caller's trace");
    }

    [Test]
    public async Task What_a_group_shares_runs_under_one_span_linked_to_each_callers_trace_and_each_caller_names_it()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (stopped) stopped.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("group-commit-test");
        var groups = Groups();
        var holdFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = new List<Activity>();
        var done = new List<Task<int>>();
        for (var i = 1; i <= 4; i++)
        {
            Activity.Current = null;
            requests.Add(source.StartActivity($"request {i}")!);
            var id = i;
            done.Add(groups.RunAsync<int>(async uow =>
            {
                if (id == 1) await holdFirst.Task.WaitAsync(TimeSpan.FromSeconds(30));
                return await Note(id)(uow);
            }));
        }
        Activity.Current = null;
        holdFirst.SetResult();
        await Task.WhenAll(done);
        foreach (var request in requests) request.Dispose();

        List<Activity> spans;
        lock (stopped) spans = stopped.Where(a => a.Source.Name == Infrastructure.Telemetry.TracingSetup.SourceName && a.DisplayName == "group commit").ToList();
        // Request 1 wrote the first group (itself alone); the second group held requests 2-4, written by one of them.
        Assert.That(spans, Has.Count.EqualTo(1), "one span, for the group that held other callers' changes");
        var span = spans[0];
        var writer = requests.Single(r => r.TraceId == span.TraceId);
        var others = requests.Skip(1).Where(r => r != writer).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(span.ParentSpanId, Is.EqualTo(writer.SpanId), "a child of the writer's own span");
            Assert.That(span.Links.Select(l => l.Context.TraceId), Is.EquivalentTo(others.Select(r => r.TraceId)), "a link to each other caller's trace");
            Assert.That(span.GetTagItem("governance.group_commit.size"), Is.EqualTo(3));
            foreach (var other in others)
                Assert.That(other.Events.Where(e => e.Name == "group commit").Select(e => e.Tags.First(t => t.Key == "governance.group_commit.span_id").Value),
                    Is.EqualTo(new[] { span.SpanId.ToString() }), $"{other.DisplayName} names the group's span");
            Assert.That(requests[0].Events, Is.Empty, "a group of one is its caller's trace already");
        });
    }

    [Test]
    public async Task A_change_that_throws_fails_alone_leaves_nothing_and_the_rest_of_its_group_commits()
    {
        var groups = Groups();
        var changes = Enumerable.Range(1, 8).Select(i => Note(i)).ToList();
        changes[4] = async uow =>
        {
            await Note(5)(uow); // wrote its note and its message, then failed
            throw new InvalidOperationException("the fifth change is refused");
        };
        changes[6] = Note(7, text: "note 2"); // the database refuses it: the same text as the second (unique)
        var tasks = await HandOverAsync(groups, changes);

        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.That(tasks[4].Exception?.InnerException, Is.TypeOf<InvalidOperationException>().With.Message.EqualTo("the fifth change is refused"));
        Assert.That(DatabaseErrors.IsUniqueViolation(tasks[6].Exception!.InnerException!), Is.True, tasks[6].Exception?.ToString());
        Assert.That(tasks.Where((_, i) => i is not (4 or 6)).Select(t => t.Status), Has.All.EqualTo(TaskStatus.RanToCompletion));
        await using var c = await _db.OpenAsync();
        Assert.That(await c.QueryAsync<int>("SELECT id FROM notes ORDER BY id"), Is.EqualTo(new[] { 1, 2, 3, 4, 6, 8 }));
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages"), Is.EqualTo(6), "no message of a change that failed");
    }

    [Test]
    public async Task A_transient_fault_retries_the_whole_group_and_every_change_commits_once()
    {
        var groups = Groups();
        var runsOfThird = 0;
        var changes = Enumerable.Range(1, 6).Select(i => Note(i)).ToList();
        changes[2] = async uow =>
        {
            var result = await Note(3)(uow);
            if (Interlocked.Increment(ref runsOfThird) == 1) throw new TimeoutException("the database did not answer in time");
            return result;
        };
        var results = await Task.WhenAll(await HandOverAsync(groups, changes));

        Assert.That(results, Is.EqualTo(Enumerable.Range(1, 6)));
        Assert.That(runsOfThird, Is.EqualTo(2), "run again with its group");
        await using var c = await _db.OpenAsync();
        Assert.That(await c.QueryAsync<int>("SELECT id FROM notes ORDER BY id"), Is.EqualTo(Enumerable.Range(1, 6)), "each once");
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages"), Is.EqualTo(6));
    }

    [Test]
    public async Task Several_writers_write_groups_side_by_side_and_nothing_is_lost_or_doubled()
    {
        var groups = Groups(writers: 3);
        const int changes = 400;
        var results = await Task.WhenAll(Enumerable.Range(1, changes).Select(i => Task.Run(() => groups.RunAsync(Note(i)))));

        Assert.That(results, Is.EqualTo(Enumerable.Range(1, changes)));
        await using var c = await _db.OpenAsync();
        Assert.That(await c.QueryAsync<int>("SELECT id FROM notes ORDER BY id"), Is.EqualTo(Enumerable.Range(1, changes)));
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages"), Is.EqualTo(changes));
    }
}
