namespace Governance.Grids.Model;

/// <summary>A person on duty in a unit, in one role. Role codes:
/// grid-worker (网格员), grid-head (网格长), courtyard-lead (院落长), village-handler (村/社区干部),
/// mediator (乡贤调解员), township-dispatcher (指挥中心调度员), county-supervisor (督办),
/// county-administrator (管理员).</summary>
public sealed record StaffMember(string Id, string Name, string Role, string UnitCode);
