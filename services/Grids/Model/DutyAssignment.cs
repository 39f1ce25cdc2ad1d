namespace Governance.Grids.Model;

/// <summary>A period in which a person is on duty at a unit in a role. <see cref="Until"/> is
/// null while it lasts; the period covers [From, Until).</summary>
public sealed record DutyAssignment(
    Guid Id, string StaffId, string UnitCode, string Role, DateTimeOffset From, DateTimeOffset? Until, string CreatedBy)
{
    public bool IsOnDutyAt(DateTimeOffset at) => From <= at && (Until is null || at < Until);
}

/// <summary>A duty period with the person's name, as GET /grids/units/{code}/duty shows it.</summary>
public sealed record DutyView(Guid Id, string StaffId, string StaffName, string UnitCode, string Role, DateTimeOffset From, DateTimeOffset? Until);
