namespace Governance.Infrastructure.Data;

/// <summary>
/// A script this database has already applied is no longer the script that ships: its checksum differs
/// from the one recorded when it ran. The start stops here, before any newer script runs, because what
/// the database holds is no longer what the scripts describe. The message is the one line the host prints.
/// </summary>
public sealed class MigrationChangedException(string service, string track, int version, string name, DatabaseProvider provider, string recorded, string current)
    : Exception(
        $"the {service} service's migration {track} {version:D4}_{name}.sql ({MigrationRunner.DialectFolder(provider)}) was changed after this database applied it " +
        $"(recorded checksum {recorded[..12]}, the script's is now {current[..12]}): restore the script as it was applied and put the change in a new migration.")
{
    public string Track { get; } = track;
    public int Version { get; } = version;
}
