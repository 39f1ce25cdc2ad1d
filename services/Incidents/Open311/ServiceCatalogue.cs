namespace Governance.Incidents.Open311;

/// <summary>One Open311 service: a category of ours, as GET services lists it.</summary>
public sealed record Open311Service(Category Category, string Code, string Name, string Description, string Keywords, string Group);

/// <summary>
/// Our standardised categories as Open311 services: service_code is the category code, service_name
/// the Chinese name (from <see cref="Catalogue"/>), the description English; keywords are the words a
/// hotline operator or resident would use. Every service takes the unit and grade attributes (metadata
/// true), neither required: a hotline knows neither, so a call is placed by its location or address (or waits
/// in triage) and is general (IV) unless a grade is given. Every request gets its id at once (type realtime).
/// </summary>
public static class ServiceCatalogue
{
    private sealed record Extra(string Detail, string Keywords, string Group);

    private static readonly Dictionary<Category, Extra> Extras = new()
    {
        [Category.Dispute] = new("between neighbours, in families, over land or unpaid wages; mediated in the village first.",
            "邻里纠纷, 家庭矛盾, 土地纠纷, 欠薪, 调解", "社会治理"),
        [Category.PublicSecurity] = new("theft, fights, disturbances, suspicious people.",
            "治安, 盗窃, 打架, 扰民, 可疑人员", "社会治理"),
        [Category.Petition] = new("complaints and petitions to the authorities (信访); handled from the township up.",
            "信访, 上访, 投诉, 维稳", "社会治理"),
        [Category.WorkSafety] = new("hazards at workplaces and building sites, gas, hazardous goods, fire risks.",
            "安全隐患, 施工安全, 燃气, 危化品, 消防隐患", "安全应急"),
        [Category.Emergency] = new("flood, fire, landslide, drought and other disaster risks.",
            "防汛, 火灾, 山体滑坡, 地质灾害, 抗旱救灾", "安全应急"),
        [Category.Livelihood] = new("elderly people living alone, left-behind children, people needing assistance.",
            "独居老人, 留守儿童, 困难群众, 救助, 低保", "民生服务"),
        [Category.Environment] = new("rubbish, pollution, noise, illegal building; town and village management.",
            "垃圾, 污染, 噪音, 违章搭建, 占道经营, 城乡管理", "城乡管理"),
        [Category.Facilities] = new("roads, water supply, power, street lights, manhole covers.",
            "道路, 供水, 停水, 停电, 路灯, 井盖", "城乡管理"),
        [Category.Consultation] = new("questions about policies and how to get things done.",
            "政策, 咨询, 办事指南, 社保, 医保", "政策咨询"),
        [Category.Other] = new("anything the other services do not cover.", "其他", "其他"),
    };

    public static IReadOnlyList<Open311Service> Services { get; } = Catalogue.Categories.Select(c =>
    {
        var extra = Extras[c.Code];
        return new Open311Service(c.Code, Codes.Of(c.Code), c.NameZh, $"{c.NameEn}: {extra.Detail}", extra.Keywords, extra.Group);
    }).ToList();

    public static Open311Service? Find(string? serviceCode) => Services.FirstOrDefault(s => s.Code == serviceCode);

    public static Open311Service Of(Category category) => Services.First(s => s.Category == category);

    public static string CodeList => string.Join(", ", Services.Select(s => s.Code));

    /// <summary>The attribute codes of every service definition, as POST requests names them: attribute[unitCode].</summary>
    public const string UnitCodeAttribute = "unitCode";
    public const string GradeAttribute = "grade";

    public static Open311Fields Definition(Open311Service service) => Doc.Fields(
        ("service_code", service.Code),
        ("attributes", Doc.List("attribute",
        [
            Doc.Fields(
                ("variable", true), ("code", UnitCodeAttribute), ("datatype", "string"), ("required", false),
                ("datatype_description", "网格或院落编码：12位行政区划代码后接网格、院落编码，如 500101001001001001。Grid or courtyard code."),
                ("order", 1),
                ("description", "事件发生地所在的网格或院落；不填则按 lat/long 或登记的地址定位，无法定位的待区县分拨。" +
                    "The grid or courtyard where it happened; if left out, the call is placed by lat/long or a registered address, else it waits for the county's dispatcher.")),
            Doc.Fields(
                ("variable", true), ("code", GradeAttribute), ("datatype", "singlevaluelist"), ("required", false),
                ("datatype_description", null), ("order", 2),
                ("description", "事件等级（按国家四级分级标准），不填为一般（IV级）。Grade on China's four-grade event scale; IV (general) when left out."),
                ("values", Doc.List("value", Catalogue.Grades.Select(g =>
                    Doc.Fields(("key", Codes.Of(g.Code)), ("name", $"{g.NameZh}（{Codes.Of(g.Code)}级）")))))),
        ])));

    public static Open311Fields ListEntry(Open311Service service) => Doc.Fields(
        ("service_code", service.Code), ("service_name", service.Name), ("description", service.Description),
        ("metadata", true), ("type", "realtime"), ("keywords", service.Keywords), ("group", service.Group));
}
