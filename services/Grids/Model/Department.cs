namespace Governance.Grids.Model;

/// <summary>A township team or county bureau (综合执法, 派出所, 司法所, 应急, 民政 …): the township or
/// county it belongs to and the categories of cases it handles.</summary>
public sealed record Department(Guid Id, string UnitCode, string NameZh, string NameEn, IReadOnlyList<Category> Categories, long Version)
{
    public DepartmentRecord ToRecord() => new(Id, UnitCode, NameZh, NameEn, Categories, Version);
}
