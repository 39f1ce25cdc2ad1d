using System.Security.Cryptography;
using System.Text;

namespace Governance.Grids.Model;

/// <summary>A unit's boundary as the generator or a GeoJSON import gives it.</summary>
public sealed record UnitBoundary(string UnitCode, Shape Shape);

/// <summary>Everything a generated county consists of, parents before children.</summary>
public sealed record DemoCountyData(
    IReadOnlyList<Unit> Units, IReadOnlyList<StaffMember> Staff, IReadOnlyList<DutyAssignment> Duties,
    IReadOnlyList<Department> Departments, IReadOnlyList<CareSubject> CareSubjects, IReadOnlyList<UnitBoundary> Boundaries,
    IReadOnlyList<LeaderPlan> LeaderPlans);

/// <summary>
/// Generates a county deterministically from a seed: the same seed and size give the same codes,
/// names, staff, departments, care subjects and boundaries, so demos, tests and benchmarks talk
/// about the same places. Codes follow the administrative division style: a 12-digit
/// county/township/village code (500101 001 001), then three digits for the grid and three for the
/// courtyard; they depend on the size only, names on the seed. Boundaries tile a rectangle around
/// lat 30.8, lng 108.4: each child a sub-rectangle of its parent, so locating a point works.
/// </summary>
public static class DemoCounty
{
    public const string CountyCode = "500101000000";
    public const string CountyName = "示范县";
    public const int DefaultSeed = 20231;
    public const string SeededBy = "demo-county";

    /// <summary>Where duties and registrations start unless the caller says (the seeding moment).</summary>
    public static readonly DateTimeOffset DefaultSince = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The county's extent: about 67 km north–south and 77 km east–west.</summary>
    public static readonly BoundingBox Extent = new(30.5, 108.0, 31.1, 108.8);

    private static readonly string[] PlaceSyllables =
        ["龙", "白", "清", "石", "桥", "柏", "凤", "金", "新", "长", "安", "河", "云", "松", "山", "水", "兴", "和", "平", "马"];
    private static readonly string[] CourtyardKinds = ["院落", "小区", "湾"];
    private static readonly CareSubjectKind[] CareKinds = Enum.GetValues<CareSubjectKind>();

    public static DemoCountyData Generate(DemoCountySize size, int seed = DefaultSeed, DateTimeOffset? since = null)
    {
        size.Validate();
        var g = new Generator(new Random(seed), since ?? DefaultSince);
        g.Generate(size);
        return new DemoCountyData(g.Units, g.Staff, g.Duties, g.Departments, g.Care, g.Boundaries, g.LeaderPlans);
    }

    private sealed class Generator(Random random, DateTimeOffset since)
    {
        public readonly List<Unit> Units = [];
        public readonly List<StaffMember> Staff = [];
        public readonly List<DutyAssignment> Duties = [];
        public readonly List<Department> Departments = [];
        public readonly List<CareSubject> Care = [];
        public readonly List<UnitBoundary> Boundaries = [];
        public readonly List<LeaderPlan> LeaderPlans = [];

        public void Generate(DemoCountySize size)
        {
            AddUnit(CountyCode, CountyName, UnitLevel.County, null, Extent);
            AddStaff(StaffRoles.CountyAdministrator, CountyCode);
            AddStaff(StaffRoles.CountySupervisor, CountyCode);
            foreach (var template in DemoDepartments.County) AddDepartment(CountyCode, CountyName, template);

            var townshipTiles = Tiling.Split(Extent, size.Townships);
            for (int t = 0, villageIndex = 0, gridIndex = 0; t < size.Townships; t++)
            {
                var township = $"{CountyCode[..6]}{t + 1:D3}000";
                var townshipName = PlaceName() + ((t + 1) % 4 == 0 ? "街道" : "镇");
                AddUnit(township, townshipName, UnitLevel.Township, CountyCode, townshipTiles[t]);
                AddStaff(StaffRoles.TownshipDispatcher, township);
                foreach (var template in DemoDepartments.Township) AddDepartment(township, townshipName, template);

                var villages = DemoCountySize.Share(size.Villages, size.Townships, t);
                var villageTiles = Tiling.Split(townshipTiles[t], villages);
                for (var v = 0; v < villages; v++, villageIndex++)
                {
                    var village = $"{township[..9]}{v + 1:D3}";
                    AddUnit(village, PlaceName() + ((v + 1) % 3 == 0 ? "社区" : "村"), UnitLevel.Village, township, villageTiles[v]);
                    AddStaff(StaffRoles.VillageHandler, village);
                    AddStaff(StaffRoles.Mediator, village);
                    AddStaff(StaffRoles.GridHead, village);

                    var grids = DemoCountySize.Share(size.Grids, size.Villages, villageIndex);
                    var gridTiles = Tiling.Split(villageTiles[v], grids);
                    for (var gr = 0; gr < grids; gr++, gridIndex++)
                        AddGrid($"{village}{gr + 1:D3}", gr + 1, village, gridTiles[gr],
                            DemoCountySize.Share(size.Courtyards, size.Grids, gridIndex));
                }
            }

            // The county command centre's dispatcher and the 12345 hotline's operator: drawn last, so
            // every name drawn before them stays what it was for the seed.
            AddStaff(StaffRoles.CountyDispatcher, CountyCode);
            AddStaff(StaffRoles.HotlineOperator, CountyCode);
            AddLeaders();
        }

        /// <summary>Two leader posts (下沉走访, docs/leaders.md), on top of the first township's dispatcher (a
        /// township committee member linked to its first village, visiting it fortnightly) and the county
        /// supervisor (a county committee member linked to the first township, visiting it monthly).</summary>
        private void AddLeaders()
        {
            var township = Units.First(u => u.Level == UnitLevel.Township).Code;
            var village = Units.First(u => u.Level == UnitLevel.Village).Code;
            MakeLeader($"{StaffRoles.TownshipDispatcher}-{township}", LeaderPostKind.TownshipCommittee, village, 14);
            MakeLeader($"{StaffRoles.CountySupervisor}-{CountyCode}", LeaderPostKind.CountyCommittee, township, 30);
        }

        private void MakeLeader(string staffId, LeaderPostKind post, string linkedUnit, int everyDays)
        {
            var i = Staff.FindIndex(s => s.Id == staffId);
            Staff[i] = Staff[i] with { Leader = new LeaderPost(post, [linkedUnit]) };
            LeaderPlans.Add(new LeaderPlan(staffId, everyDays, [linkedUnit], since, SeededBy));
        }

        private void AddGrid(string grid, int number, string village, BoundingBox tile, int courtyards)
        {
            AddUnit(grid, $"第{number}网格", UnitLevel.Grid, village, tile);
            var worker = AddStaff(StaffRoles.GridWorkerFullTime, grid);
            // "1+3+N": every other grid also has a part-time grid worker.
            if (number % 2 == 0) AddStaff(StaffRoles.GridWorkerPartTime, grid);

            var courtyardTiles = Tiling.Split(tile, courtyards);
            var codes = new List<string>(courtyards);
            for (var c = 0; c < courtyards; c++)
            {
                var courtyard = $"{grid}{c + 1:D3}";
                codes.Add(courtyard);
                AddUnit(courtyard, PlaceName() + CourtyardKinds[random.Next(CourtyardKinds.Length)], UnitLevel.Courtyard, grid, courtyardTiles[c]);
                AddStaff(StaffRoles.CourtyardLead, courtyard);
            }

            var subjects = random.Next(0, 3);
            for (var s = 0; s < subjects; s++) AddCareSubject(grid, s, codes[random.Next(codes.Count)], worker.Id);
        }

        private void AddUnit(string code, string name, UnitLevel level, string? parent, BoundingBox tile)
        {
            Units.Add(new Unit(code, name, level, parent, 1));
            Boundaries.Add(new UnitBoundary(code, Geometry.Rectangle(tile)));
        }

        private StaffMember AddStaff(string role, string unitCode, Guid? departmentId = null, string? key = null)
        {
            var member = new StaffMember(key is null ? $"{role}-{unitCode}" : $"{role}-{unitCode}-{key}", DemoPeople.Name(random), role,
                unitCode, DemoPeople.Phone(random), null, departmentId);
            Staff.Add(member);
            Duties.Add(new DutyAssignment(StableId($"duty:{member.Id}"), member.Id, unitCode, role, since, null, SeededBy));
            return member;
        }

        private void AddDepartment(string unitCode, string unitName, DemoDepartments.Template template)
        {
            var id = StableId($"department:{unitCode}:{template.Key}");
            Departments.Add(new Department(id, unitCode, unitName + template.NameZh, template.NameEn, template.Categories, 1));
            AddStaff(StaffRoles.DepartmentHandler, unitCode, id, template.Key);
        }

        private void AddCareSubject(string grid, int index, string courtyard, string gridWorkerId)
        {
            var kind = CareKinds[random.Next(CareKinds.Length)];
            var (from, to) = kind switch
            {
                CareSubjectKind.ElderlyAlone => (1930, 1955),
                CareSubjectKind.LeftBehindChild => (2010, 2020),
                _ => (1950, 2000),
            };
            var every = CareSchedule.DefaultEveryDays(kind);
            Care.Add(new CareSubject(StableId($"care:{grid}:{index}"), kind, DemoPeople.Name(random), DemoPeople.IdNumber(random, CountyCode, from, to),
                DemoPeople.Phone(random), courtyard, gridWorkerId, every, null, since, SeededBy, null, CareSchedule.DueAt(since, null, every), 1));
        }

        private string PlaceName() =>
            PlaceSyllables[random.Next(PlaceSyllables.Length)] + PlaceSyllables[random.Next(PlaceSyllables.Length)];
    }

    /// <summary>An id derived from a name, so generated departments, duties and care subjects keep
    /// their ids from one generation to the next (records created through the API get version-7 ids).</summary>
    private static Guid StableId(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
}
