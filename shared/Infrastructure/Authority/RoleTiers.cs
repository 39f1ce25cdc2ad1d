using Governance.Contracts;
using Governance.Infrastructure.Security;

namespace Governance.Infrastructure.Authority;

/// <summary>
/// Which tier each role handles cases on, which roles stand "above" lower tiers, and who may file
/// (DOMAIN "Who may do what", Roles). Department handlers hold a case only through their department
/// (lead, called in); the county administrator and hotline operators hold no case.
/// </summary>
public static class RoleTiers
{
    /// <summary>The tier a role handles on when held at a unit of <paramref name="level"/>; null for roles that handle no tier.</summary>
    public static Tier? HandlingTier(string role, UnitLevel level) => role switch
    {
        Roles.GridWorker or Roles.GridWorkerFullTime or Roles.GridWorkerPartTime or Roles.CourtyardLead => Tier.Courtyard,
        // A grid head leads a grid, or (村支书任网格长) all grids of a village: then he handles village-tier cases.
        Roles.GridHead => level <= UnitLevel.Village ? Tier.Village : Tier.Courtyard,
        // Mediators (乡贤评理堂) work village-tier cases, also when registered at the township's 司法所.
        Roles.VillageHandler or Roles.Mediator => Tier.Village,
        Roles.TownshipDispatcher => Tier.Township,
        Roles.CountySupervisor or Roles.CountyDispatcher => Tier.County,
        _ => null,
    };

    /// <summary>Roles that stand above lower tiers: handling or supervising roles. Mediators,
    /// department handlers and the county administrator are never "above".</summary>
    public static readonly IReadOnlySet<string> Above = new HashSet<string>
        { Roles.GridHead, Roles.VillageHandler, Roles.TownshipDispatcher, Roles.CountySupervisor, Roles.CountyDispatcher };

    /// <summary>Roles that file cases, at places inside their own subtree.</summary>
    public static readonly string[] Field =
        [Roles.GridWorker, Roles.GridWorkerFullTime, Roles.GridWorkerPartTime, Roles.GridHead, Roles.CourtyardLead,
         Roles.VillageHandler, Roles.TownshipDispatcher, Roles.CountySupervisor];

    public static readonly string[] GridWorkers = [Roles.GridWorker, Roles.GridWorkerFullTime, Roles.GridWorkerPartTime];

    /// <summary>The command-centre roles of the township and county tiers (退回, 吹哨, 升级).</summary>
    public static readonly string[] CommandCentre = [Roles.TownshipDispatcher, Roles.CountySupervisor, Roles.CountyDispatcher];
}
