namespace Governance.Contracts;

// Events published by Grids about the people on duty and the departments that handle cases.
// Personal identifiers (ID numbers, phones) never travel in these messages: a service that needs
// them asks Grids, which decides who may see them (PIPL, issue #6).

/// <summary>One period in which a person is on duty at a unit in a role; <see cref="Until"/> is
/// null while it lasts.</summary>
public sealed record DutyRecord(Guid Id, string UnitCode, string Role, DateTimeOffset From, DateTimeOffset? Until);

/// <summary>A person as Grids knows them, with every duty period. <see cref="Version"/> grows with
/// every change to the person or their duties, so a copy keeps the newest.</summary>
public sealed record StaffRecord(
    string Id, string Name, string Role, string UnitCode, Guid? DepartmentId, bool Active, long Version,
    IReadOnlyList<DutyRecord> Duties);

/// <summary>People were registered or changed, or their duties started or ended. A batch, so that a
/// county's staff is announced in a few hundred messages.</summary>
public sealed record StaffChanged(IReadOnlyList<StaffRecord> Staff);

/// <summary>A township team or county bureau (司法所, 派出所, 县应急管理局 …): the unit it belongs
/// to and the categories of cases it handles. A retired department (merged, dissolved) is still
/// announced, with <see cref="Retired"/> set: it can no longer be called in on a case.</summary>
/// <remarks>Retired was added later; as the last parameter with a default, a message from an older
/// Grids reads as not retired.</remarks>
public sealed record DepartmentRecord(
    Guid Id, string UnitCode, string NameZh, string NameEn, IReadOnlyList<Category> Categories, long Version, bool Retired = false);

/// <summary>Departments were created or changed.</summary>
public sealed record DepartmentsUpserted(IReadOnlyList<DepartmentRecord> Departments);
