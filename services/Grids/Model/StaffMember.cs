namespace Governance.Grids.Model;

/// <summary>A person registered in a unit (their home unit), in a role (<see cref="StaffRoles"/>).
/// Where and when they are actually on duty is in their <see cref="DutyAssignment"/>s.</summary>
/// <param name="Phone">Personal identifier, in its own column; issue #6 masks it for those who need not see it.</param>
/// <param name="IdNumber">Personal identifier (居民身份证号), in its own column; issue #6 masks it.</param>
/// <param name="DepartmentId">For a department handler: the township team or county bureau.</param>
/// <param name="LeftAt">When the person left the service; their duties ended then.</param>
/// <param name="Leader">A leader post on top of his role, with the units he is linked to (联系点); null for most.</param>
public sealed record StaffMember(
    string Id, string Name, string Role, string UnitCode, string? Phone = null, string? IdNumber = null,
    Guid? DepartmentId = null, long Version = 1, DateTimeOffset? LeftAt = null, LeaderPost? Leader = null);
