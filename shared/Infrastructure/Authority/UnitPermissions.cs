using Governance.Infrastructure.Security;

namespace Governance.Infrastructure.Authority;

/// <summary>Where a unit action may be taken.</summary>
public enum UnitScope
{
    /// <summary>Anywhere in the county (the role decides alone).</summary>
    County,
    /// <summary>At a unit in the caller's own subtree.</summary>
    OwnSubtree,
    /// <summary>At a unit below the township, inside the caller's own subtree (a township's people and duty).</summary>
    OwnSubtreeBelowTownship,
    /// <summary>At a unit in the subtree of a unit the caller is linked to as a leader (联系点, token claims
    /// <c>leader-unit</c>), whatever his role.</summary>
    LinkedUnits,
}

public sealed record UnitGrant(IReadOnlyList<string>? Roles, UnitScope Scope);

/// <summary>The permission table for actions that are not about one case (docs/permissions.md).</summary>
public static class UnitPermissions
{
    private static readonly string[] CountyReaders = [Roles.CountyAdministrator, Roles.CountySupervisor];
    private static readonly string[] Administrator = [Roles.CountyAdministrator];

    public static readonly IReadOnlyDictionary<UnitAction, IReadOnlyList<UnitGrant>> Table = new Dictionary<UnitAction, IReadOnlyList<UnitGrant>>
    {
        [UnitAction.File] = [new(RoleTiers.Field, UnitScope.OwnSubtree), new([Roles.HotlineOperator], UnitScope.County)],
        [UnitAction.PlaceTriage] = [new([Roles.CountyDispatcher], UnitScope.County)],
        [UnitAction.ReadSettings] = [new(CountyReaders, UnitScope.County)],
        [UnitAction.ChangeSettings] = [new(Administrator, UnitScope.County)],
        [UnitAction.ChangeUnits] = [new(Administrator, UnitScope.County)],
        [UnitAction.ChangeStaff] = [new(Administrator, UnitScope.County), new([Roles.TownshipDispatcher], UnitScope.OwnSubtreeBelowTownship)],
        [UnitAction.ChangeDepartments] = [new(Administrator, UnitScope.County)],
        [UnitAction.ChangeCare] = [new([.. RoleTiers.GridWorkers, Roles.CourtyardLead, Roles.VillageHandler], UnitScope.OwnSubtree)],
        // Grid workers, courtyard leads and grid heads patrol their own units; each records only his own
        // patrols (the handler checks the person).
        [UnitAction.RecordPatrol] = [new([.. RoleTiers.GridWorkers, Roles.CourtyardLead, Roles.GridHead], UnitScope.OwnSubtree)],
        // A leader visits the units he is linked to (下沉走访), whatever his role; each records only his own visits.
        [UnitAction.RecordLeaderVisit] = [new(null, UnitScope.LinkedUnits)],
        // A unit's own staff and those above it; null roles: any role.
        [UnitAction.ReadUnitWork] = [new(null, UnitScope.OwnSubtree)],
        [UnitAction.ReadDirectory] = [new(null, UnitScope.County)],
        [UnitAction.ReadAudit] = [new(Administrator, UnitScope.County)],
        [UnitAction.ManageAccess] = [new(Administrator, UnitScope.County)],
    };
}
