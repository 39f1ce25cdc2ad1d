namespace Governance.Incidents.Model;

/// <summary>A code with its Chinese and English names, for forms, Open311 and the dashboard.</summary>
public sealed record Named<T>(T Code, string NameZh, string NameEn);

/// <summary>The standardised categories and grades (标准化事件类型和对应等级) with their names.</summary>
public static class Catalogue
{
    public static IReadOnlyList<Named<Category>> Categories { get; } =
    [
        new(Category.Dispute, "矛盾纠纷", "Disputes"),
        new(Category.PublicSecurity, "社会治安", "Public security"),
        new(Category.Petition, "信访维稳", "Petitions"),
        new(Category.WorkSafety, "安全生产", "Work safety"),
        new(Category.Emergency, "应急管理", "Emergencies"),
        new(Category.Livelihood, "民生服务", "Livelihood services"),
        new(Category.Environment, "环境卫生", "Environment and sanitation"),
        new(Category.Facilities, "公共设施", "Public facilities"),
        new(Category.Consultation, "政策咨询", "Policy consultation"),
        new(Category.Other, "其他", "Other"),
    ];

    public static IReadOnlyList<Named<Grade>> Grades { get; } =
    [
        new(Grade.IV, "一般", "General"),
        new(Grade.III, "较大", "Significant"),
        new(Grade.II, "重大", "Major"),
        new(Grade.I, "特别重大", "Especially major"),
    ];
}
