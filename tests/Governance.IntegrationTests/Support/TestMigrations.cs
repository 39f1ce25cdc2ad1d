using Governance.Infrastructure.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Support;

/// <summary>Brings a test's database up to date as a starting service does (its module's MigrationTracks, or the
/// part a test needs), on the machine's clock and without a log.</summary>
public static class TestMigrations
{
    public static Task RunAsync(Database db, IEnumerable<MigrationTrack> tracks) =>
        new MigrationRunner(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance).MigrateAsync(tracks);
}
