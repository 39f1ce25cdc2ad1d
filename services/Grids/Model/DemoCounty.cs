using Governance.Contracts;

namespace Governance.Grids.Model;

/// <summary>How big a generated county is: children per parent on each level.</summary>
public sealed record DemoCountySize(int Townships, int VillagesPerTownship, int GridsPerVillage, int CourtyardsPerGrid)
{
    /// <summary>The standalone demo: 3 townships, 12 villages, 48 grids, 144 courtyards.</summary>
    public static readonly DemoCountySize Demo = new(3, 4, 4, 3);
}

/// <summary>
/// Generates a county deterministically from a seed: the same seed and size give the same codes,
/// names and staff, so demos, tests and benchmarks talk about the same places.
/// Codes follow the administrative division style: a 12-digit county/township/village code
/// (500101 001 001), then three digits for the grid and three for the courtyard.
/// </summary>
public static class DemoCounty
{
    public const string CountyCode = "500101000000";

    private static readonly string[] PlaceSyllables =
        ["龙", "白", "清", "石", "桥", "柏", "凤", "金", "新", "长", "安", "河", "云", "松", "山", "水", "兴", "和", "平", "马"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "谭", "冉", "向"];
    private static readonly string[] GivenNames = ["建国", "秀英", "志强", "桂兰", "明", "芳", "军", "丽", "海", "红梅", "德华", "小燕", "永", "春华", "大勇"];
    private static readonly string[] CourtyardKinds = ["院落", "小区", "湾"];

    public static (IReadOnlyList<Unit> Units, IReadOnlyList<StaffMember> Staff) Generate(DemoCountySize size, int seed = 20231)
    {
        var random = new Random(seed);
        var units = new List<Unit>();
        var staff = new List<StaffMember>();
        void AddStaff(string role, string unitCode) =>
            staff.Add(new StaffMember($"{role}-{unitCode}", PersonName(random), role, unitCode));

        units.Add(new Unit(CountyCode, "示范县", UnitLevel.County, null, 1));
        AddStaff("county-administrator", CountyCode);
        AddStaff("county-supervisor", CountyCode);
        for (var t = 1; t <= size.Townships; t++)
        {
            var township = $"{CountyCode[..6]}{t:D3}000";
            units.Add(new Unit(township, PlaceName(random) + (t % 4 == 0 ? "街道" : "镇"), UnitLevel.Township, CountyCode, 1));
            AddStaff("township-dispatcher", township);
            for (var v = 1; v <= size.VillagesPerTownship; v++)
            {
                var village = $"{township[..9]}{v:D3}";
                units.Add(new Unit(village, PlaceName(random) + (v % 3 == 0 ? "社区" : "村"), UnitLevel.Village, township, 1));
                AddStaff("village-handler", village);
                AddStaff("mediator", village);
                for (var g = 1; g <= size.GridsPerVillage; g++)
                {
                    var grid = $"{village}{g:D3}";
                    units.Add(new Unit(grid, $"第{g}网格", UnitLevel.Grid, village, 1));
                    AddStaff("grid-worker", grid);
                    for (var c = 1; c <= size.CourtyardsPerGrid; c++)
                    {
                        var courtyard = $"{grid}{c:D3}";
                        units.Add(new Unit(courtyard, PlaceName(random) + CourtyardKinds[random.Next(CourtyardKinds.Length)],
                            UnitLevel.Courtyard, grid, 1));
                        AddStaff("courtyard-lead", courtyard);
                    }
                }
            }
        }
        return (units, staff);
    }

    private static string PlaceName(Random random) =>
        PlaceSyllables[random.Next(PlaceSyllables.Length)] + PlaceSyllables[random.Next(PlaceSyllables.Length)];

    private static string PersonName(Random random) =>
        Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
}
