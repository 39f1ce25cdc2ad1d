namespace Governance.Grids.Model;

/// <summary>The roles people hold (the "1+3+N" grid team and the tiers above), and on which unit
/// levels each is held.</summary>
public static class StaffRoles
{
    public const string GridWorkerFullTime = "grid-worker-full-time";   // 专职网格员
    public const string GridWorkerPartTime = "grid-worker-part-time";   // 兼职网格员
    public const string GridHead = "grid-head";                         // 网格长
    public const string CourtyardLead = "courtyard-lead";               // 院落长 / 微网格员
    public const string VillageHandler = "village-handler";             // 村/社区干部
    public const string Mediator = "mediator";                          // 乡贤调解员
    public const string TownshipDispatcher = "township-dispatcher";     // 镇街指挥中心调度员
    public const string DepartmentHandler = "department-handler";       // 部门承办人
    public const string CountySupervisor = "county-supervisor";         // 区县督办
    public const string CountyDispatcher = "county-dispatcher";         // 区县指挥中心调度员
    public const string HotlineOperator = "hotline-operator";           // 12345 热线话务员
    public const string CountyAdministrator = "county-administrator";   // 系统管理员

    /// <summary>The code of the first release, which knew one kind of grid worker: read as full-time,
    /// and as a filter it matches both kinds.</summary>
    public const string LegacyGridWorker = "grid-worker";

    private static readonly Dictionary<string, UnitLevel[]> Levels = new(StringComparer.Ordinal)
    {
        [GridWorkerFullTime] = [UnitLevel.Grid],
        [GridWorkerPartTime] = [UnitLevel.Grid],
        // A grid head leads one grid or, commonly in villages, all grids of the village (村支书任网格长).
        [GridHead] = [UnitLevel.Grid, UnitLevel.Village],
        [CourtyardLead] = [UnitLevel.Courtyard],
        [VillageHandler] = [UnitLevel.Village],
        [Mediator] = [UnitLevel.Village, UnitLevel.Township],
        [TownshipDispatcher] = [UnitLevel.Township],
        [DepartmentHandler] = [UnitLevel.Township, UnitLevel.County],
        [CountySupervisor] = [UnitLevel.County],
        [CountyDispatcher] = [UnitLevel.County],
        [HotlineOperator] = [UnitLevel.County],
        [CountyAdministrator] = [UnitLevel.County],
    };

    public static IReadOnlyCollection<string> All => Levels.Keys;

    public static IReadOnlyList<string> GridWorkers { get; } = [GridWorkerFullTime, GridWorkerPartTime];

    /// <summary>The stored code for a role the client sent (the legacy code becomes full-time), or null if unknown.</summary>
    public static string? Normalise(string? code) =>
        code == LegacyGridWorker ? GridWorkerFullTime : code is not null && Levels.ContainsKey(code) ? code : null;

    /// <summary>The codes a role filter matches: the legacy "grid-worker" matches both kinds.</summary>
    public static IReadOnlyList<string> Matching(string code) =>
        code == LegacyGridWorker ? GridWorkers : [code];

    public static bool IsHeldOn(string role, UnitLevel level) => Levels.TryGetValue(role, out var levels) && levels.Contains(level);

    public static IReadOnlyList<UnitLevel> LevelsOf(string role) => Levels[role];

    public static string List() => string.Join(", ", Levels.Keys);
}
