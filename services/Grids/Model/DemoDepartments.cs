namespace Governance.Grids.Model;

/// <summary>The departments every generated township and the county have, and what each handles.
/// A starting point the county edits, like the routing policy.</summary>
internal static class DemoDepartments
{
    public sealed record Template(string Key, string NameZh, string NameEn, Category[] Categories);

    /// <summary>Township teams (镇街站所), named after their township: "龙白镇司法所".</summary>
    public static readonly Template[] Township =
    [
        new("justice", "司法所", "Justice Office", [Category.Dispute]),
        new("police", "派出所", "Police Station", [Category.PublicSecurity]),
        new("enforcement", "综合执法大队", "Comprehensive Law Enforcement Team", [Category.Environment, Category.Facilities]),
        new("safety", "应急管理办（安监站）", "Emergency Management and Work Safety Office", [Category.WorkSafety, Category.Emergency]),
        new("civil-affairs", "民政办", "Civil Affairs Office", [Category.Livelihood]),
    ];

    /// <summary>County bureaus (县级部门), named after the county: "示范县公安局".</summary>
    public static readonly Template[] County =
    [
        new("public-security", "公安局", "Public Security Bureau", [Category.PublicSecurity]),
        new("justice", "司法局", "Justice Bureau", [Category.Dispute]),
        new("enforcement", "综合行政执法局", "Comprehensive Administrative Law Enforcement Bureau", [Category.Environment, Category.Facilities]),
        new("emergency", "应急管理局", "Emergency Management Bureau", [Category.WorkSafety, Category.Emergency]),
        new("civil-affairs", "民政局", "Civil Affairs Bureau", [Category.Livelihood]),
        new("petition", "信访办", "Letters and Visits Office", [Category.Petition]),
        new("service-centre", "政务服务中心（12345）", "Government Service Centre (12345)", [Category.Consultation, Category.Other]),
    ];
}
