using Governance.Contracts;
using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>What the generated county holds besides its units: people and their duties,
/// departments, care subjects, boundaries; and the County size's exact totals.</summary>
[TestFixture]
public class DemoCountyContentsTests
{
    private DemoCountyData _demo = null!;
    private DemoCountyData _county = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        _demo = DemoCounty.Generate(DemoCountySize.Demo);
        _county = DemoCounty.Generate(DemoCountySize.County);
    }

    [Test]
    public void County_size_has_exactly_30_townships_400_villages_5000_grids_and_40000_courtyards()
    {
        var counts = _county.Units.GroupBy(u => u.Level).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts, Is.EqualTo(new Dictionary<UnitLevel, int>
        {
            [UnitLevel.County] = 1, [UnitLevel.Township] = 30, [UnitLevel.Village] = 400, [UnitLevel.Grid] = 5_000, [UnitLevel.Courtyard] = 40_000,
        }));
    }

    [Test]
    public void County_size_spreads_13_or_14_villages_over_each_township()
    {
        var perTownship = _county.Units.Where(u => u.Level == UnitLevel.Village).GroupBy(u => u.ParentCode).Select(g => g.Count()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(perTownship, Has.Count.EqualTo(30));
            Assert.That(perTownship, Has.All.InRange(13, 14));
        });
    }

    [Test]
    public void A_size_that_leaves_a_parent_without_children_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoCounty.Generate(new DemoCountySize(3, 2, 10, 10)));
    }

    [Test]
    public void Every_unit_has_a_boundary_inside_its_parents()
    {
        var boxes = _county.Boundaries.ToDictionary(b => b.UnitCode, b => Geometry.BoxOf(b.Shape));
        Assert.That(boxes.Keys, Is.EquivalentTo(_county.Units.Select(u => u.Code)));
        Assert.Multiple(() =>
        {
            foreach (var unit in _county.Units.Where(u => u.ParentCode is not null))
            {
                var (child, parent) = (boxes[unit.Code], boxes[unit.ParentCode!]);
                Assert.That(child.MinLat >= parent.MinLat && child.MaxLat <= parent.MaxLat && child.MinLng >= parent.MinLng && child.MaxLng <= parent.MaxLng,
                    $"{unit.Code} {child} outside {unit.ParentCode} {parent}");
            }
        });
    }

    [Test]
    public void The_county_lies_around_lat_30_8_lng_108_4()
    {
        var box = Geometry.BoxOf(_demo.Boundaries.Single(b => b.UnitCode == DemoCounty.CountyCode).Shape);
        Assert.That(box.Contains(30.8, 108.4), Is.True);
    }

    [Test]
    public void A_point_in_the_county_lies_in_exactly_one_courtyard_and_that_courtyards_grid_holds_it_too()
    {
        var courtyards = _demo.Boundaries.Where(b => b.UnitCode.Length == 18).ToList();
        var shapes = _demo.Boundaries.ToDictionary(b => b.UnitCode, b => b.Shape);
        var parents = _demo.Units.ToDictionary(u => u.Code, u => u.ParentCode);
        var random = new Random(3);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var (lat, lng) = (30.5 + random.NextDouble() * 0.6, 108.0 + random.NextDouble() * 0.8);
                var hits = courtyards.Where(c => Geometry.Contains(c.Shape, lat, lng)).ToList();
                Assert.That(hits, Has.Count.EqualTo(1), $"{lat},{lng}");
                if (hits.Count == 1) Assert.That(Geometry.Contains(shapes[parents[hits[0].UnitCode]!], lat, lng), Is.True);
            }
        });
    }

    [Test]
    public void Every_person_is_on_duty_at_their_unit_in_their_role_from_the_start()
    {
        var duties = _demo.Duties.ToLookup(d => d.StaffId);
        Assert.Multiple(() =>
        {
            foreach (var person in _demo.Staff)
            {
                var duty = duties[person.Id].Single();
                Assert.That((duty.UnitCode, duty.Role, duty.Until), Is.EqualTo((person.UnitCode, person.Role, (DateTimeOffset?)null)), person.Id);
                Assert.That(duty.From, Is.EqualTo(DemoCounty.DefaultSince));
            }
        });
    }

    /// <summary>Where each role serves, written out here (not read from StaffRoles, which the
    /// generator itself follows).</summary>
    private static readonly Dictionary<string, UnitLevel[]> LevelsOfRole = new()
    {
        ["grid-worker-full-time"] = [UnitLevel.Grid],
        ["grid-worker-part-time"] = [UnitLevel.Grid],
        ["grid-head"] = [UnitLevel.Grid, UnitLevel.Village],
        ["courtyard-lead"] = [UnitLevel.Courtyard],
        ["village-handler"] = [UnitLevel.Village],
        ["mediator"] = [UnitLevel.Village, UnitLevel.Township],
        ["township-dispatcher"] = [UnitLevel.Township],
        ["department-handler"] = [UnitLevel.Township, UnitLevel.County],
        ["county-supervisor"] = [UnitLevel.County],
        ["county-administrator"] = [UnitLevel.County],
        ["county-dispatcher"] = [UnitLevel.County],
        ["hotline-operator"] = [UnitLevel.County],
    };

    [Test]
    public void Every_role_is_held_on_a_level_that_allows_it()
    {
        var levels = _demo.Units.ToDictionary(u => u.Code, u => u.Level);
        Assert.That(_demo.Staff.Where(s => !LevelsOfRole.GetValueOrDefault(s.Role, []).Contains(levels[s.UnitCode]))
            .Select(s => $"{s.Id} ({s.Role} on a {levels[s.UnitCode]})"), Is.Empty);
    }

    [Test]
    public void Every_township_has_its_five_teams_and_the_county_its_bureaus_covering_every_category()
    {
        var townships = _demo.Units.Where(u => u.Level == UnitLevel.Township).Select(u => u.Code).ToList();
        Assert.Multiple(() =>
        {
            foreach (var township in townships)
            {
                var teams = _demo.Departments.Where(d => d.UnitCode == township).ToList();
                Assert.That(teams, Has.Count.EqualTo(5), township);
                Assert.That(teams.Single(d => d.NameZh.EndsWith("司法所")).Categories, Is.EqualTo(new[] { Category.Dispute }));
                Assert.That(teams.Single(d => d.NameZh.EndsWith("派出所")).Categories, Is.EqualTo(new[] { Category.PublicSecurity }));
                Assert.That(teams.Single(d => d.NameZh.EndsWith("综合执法大队")).Categories, Is.EquivalentTo(new[] { Category.Environment, Category.Facilities }));
                Assert.That(teams.Single(d => d.NameZh.Contains("应急")).Categories, Is.EquivalentTo(new[] { Category.WorkSafety, Category.Emergency }));
                Assert.That(teams.Single(d => d.NameZh.EndsWith("民政办")).Categories, Is.EqualTo(new[] { Category.Livelihood }));
            }
            var bureaus = _demo.Departments.Where(d => d.UnitCode == DemoCounty.CountyCode).ToList();
            Assert.That(bureaus.SelectMany(d => d.Categories).Distinct(), Is.EquivalentTo(Enum.GetValues<Category>()));
            Assert.That(_demo.Departments.Select(d => d.Id), Is.Unique);
        });
    }

    [Test]
    public void Every_department_has_a_handler_of_its_own()
    {
        var handled = _demo.Staff.Where(s => s.Role == StaffRoles.DepartmentHandler).Select(s => s.DepartmentId).ToHashSet();
        Assert.That(_demo.Departments.Select(d => (Guid?)d.Id), Is.SubsetOf(handled));
    }

    [Test]
    public void Care_subjects_live_in_a_courtyard_of_their_grid_workers_grid_with_a_valid_id_number()
    {
        var units = _demo.Units.ToDictionary(u => u.Code);
        var staff = _demo.Staff.ToDictionary(s => s.Id);
        Assert.That(_demo.CareSubjects, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var subject in _demo.CareSubjects)
            {
                var courtyard = units[subject.CourtyardCode];
                Assert.That(courtyard.Level, Is.EqualTo(UnitLevel.Courtyard));
                Assert.That(staff[subject.GridWorkerId].UnitCode, Is.EqualTo(courtyard.ParentCode));
                Assert.That(subject.IdNumber, Has.Length.EqualTo(18));
                Assert.That(subject.IdNumber![17], Is.EqualTo(DemoPeopleCheck(subject.IdNumber[..17])));
                Assert.That(subject.VisitDueAt, Is.EqualTo(subject.RegisteredAt.AddDays(subject.VisitEveryDays)));
            }
        });
    }

    // GB 11643: weights 2^(17-i) mod 11, check codes "10X98765432".
    private static char DemoPeopleCheck(string first17)
    {
        var sum = first17.Select((ch, i) => (ch - '0') * (int)(Math.Pow(2, 17 - i) % 11)).Sum();
        return "10X98765432"[sum % 11];
    }
}
