using System.Reflection;

namespace Governance.Infrastructure.Data;

/// <summary>
/// A numbered series of migration scripts: embedded resources under
/// <c>{ResourcePrefix}.{sqlite|postgres|sqlserver}.NNNN_name.sql</c>.
/// </summary>
public sealed record MigrationTrack(string Name, Assembly Assembly, string ResourcePrefix)
{
    /// <summary>Outbox and inbox tables: every service has them.</summary>
    public static readonly MigrationTrack Messaging =
        new("messaging", typeof(MigrationTrack).Assembly, "Governance.Infrastructure.Data.Migrations");

    /// <summary>The local copy of the unit tree, for services that route or validate by place.</summary>
    public static readonly MigrationTrack UnitCopy =
        new("unit-copy", typeof(MigrationTrack).Assembly, "Governance.Infrastructure.UnitCopy.Migrations");

    /// <summary>The local copy of which accounts may still use their tokens (Sessions, docs/sessions.md).</summary>
    public static readonly MigrationTrack AccountCopy =
        new("account-copy", typeof(MigrationTrack).Assembly, "Governance.Infrastructure.Sessions.Migrations");

    /// <summary>A service's own scripts, under Data/Migrations/ in its assembly.</summary>
    public static MigrationTrack ForService(string name, Assembly assembly) =>
        new(name, assembly, $"{assembly.GetName().Name}.Data.Migrations");
}
