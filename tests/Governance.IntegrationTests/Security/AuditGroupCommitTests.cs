using Dapper;
using Governance.Grids.Data;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Grids;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Concurrent audit appends share transactions (group commit) yet keep one unbroken chain, also when
/// two instances of a service (two <see cref="Database"/> objects, as two processes would have) append
/// to the same log at the same time. Every entry is written exactly once.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
[NonParallelizable]
public sealed class AuditGroupCommitTests(Provider provider)
{
    private ScratchDatabase _scratch = null!;
    private GridsDatabase _first = null!, _second = null!;

    [OneTimeSetUp]
    public async Task CreateAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync(provider.Database(), "audit_group");
        _first = new GridsDatabase(_scratch.Options);
        _second = new GridsDatabase(_scratch.Options);
        await TestMigrations.RunAsync(_first, [MigrationTrack.Messaging]);
    }

    [OneTimeTearDown]
    public async Task DropAsync() => await _scratch.DisposeAsync();

    [Test]
    public async Task Concurrent_appends_from_two_instances_form_one_intact_chain_with_every_entry_once()
    {
        const int perInstance = 150;
        var at = DateTimeOffset.UtcNow;
        var appends = Enumerable.Range(0, perInstance * 2).Select(i => Task.Run(() =>
            AuditLog.AppendAsync(i % 2 == 0 ? _first : _second, at, $"actor-{i}", $"POST /test/{i}", $"{i}", null, "127.0.0.1")));
        await Task.WhenAll(appends);

        await using var c = await _first.OpenAsync();
        var verification = await AuditLog.VerifyAsync(c, _first.Provider);
        Assert.That(verification, Is.EqualTo(new AuditVerification(true, perInstance * 2, null)));
        var actors = (await c.QueryAsync<string>("SELECT actor FROM audit_log")).ToList();
        Assert.That(actors, Is.EquivalentTo(Enumerable.Range(0, perInstance * 2).Select(i => $"actor-{i}")));
        // An append after the burst continues the same chain.
        await AuditLog.AppendAsync(_second, at, "after", "POST /test/after", null, null, null);
        Assert.That((await AuditLog.VerifyAsync(c, _first.Provider)).Rows, Is.EqualTo(perInstance * 2 + 1));
    }
}
