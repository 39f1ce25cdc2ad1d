using Governance.Contracts;
using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

[TestFixture]
public class DemoCountyTests
{
    private DemoCountyData _county = null!;
    private IReadOnlyList<Unit> _units = null!;
    private IReadOnlyList<StaffMember> _staff = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        _county = DemoCounty.Generate(DemoCountySize.Demo);
        (_units, _staff) = (_county.Units, _county.Staff);
    }

    private int CountOf(UnitLevel level) => _units.Count(u => u.Level == level);

    [Test]
    public void Demo_size_has_one_county_3_townships_12_villages_48_grids_144_courtyards()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CountOf(UnitLevel.County), Is.EqualTo(1));
            Assert.That(CountOf(UnitLevel.Township), Is.EqualTo(3));
            Assert.That(CountOf(UnitLevel.Village), Is.EqualTo(12));
            Assert.That(CountOf(UnitLevel.Grid), Is.EqualTo(48));
            Assert.That(CountOf(UnitLevel.Courtyard), Is.EqualTo(144));
            Assert.That(_units, Has.Count.EqualTo(1 + 3 + 12 + 48 + 144));
        });
    }

    [Test]
    public void The_county_is_the_only_root_and_has_the_county_code()
    {
        var roots = _units.Where(u => u.ParentCode is null).ToList();

        Assert.That(roots, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(roots[0].Code, Is.EqualTo(DemoCounty.CountyCode));
            Assert.That(roots[0].Level, Is.EqualTo(UnitLevel.County));
        });
    }

    [Test]
    public void Every_non_county_unit_has_an_existing_parent_one_level_up()
    {
        var byCode = _units.ToDictionary(u => u.Code);

        Assert.Multiple(() =>
        {
            foreach (var unit in _units.Where(u => u.Level != UnitLevel.County))
            {
                Assert.That(unit.ParentCode, Is.Not.Null, unit.Code);
                Assert.That(byCode.TryGetValue(unit.ParentCode!, out var parent), Is.True, $"{unit.Code}: parent {unit.ParentCode} missing");
                if (parent is not null)
                    Assert.That(parent.Level, Is.EqualTo(unit.Level - 1), $"{unit.Code} ({unit.Level}) under {parent.Code} ({parent.Level})");
            }
        });
    }

    [Test]
    public void Parents_are_listed_before_their_children()
    {
        var seen = new HashSet<string>();
        Assert.Multiple(() =>
        {
            foreach (var unit in _units)
            {
                if (unit.ParentCode is not null)
                    Assert.That(seen, Does.Contain(unit.ParentCode), unit.Code);
                seen.Add(unit.Code);
            }
        });
    }

    [Test]
    public void Unit_codes_are_unique()
    {
        Assert.That(_units.Select(u => u.Code), Is.Unique);
    }

    [Test]
    public void Codes_are_digits_of_the_length_their_level_demands_and_extend_the_parent_code()
    {
        var expectedLength = new Dictionary<UnitLevel, int>
        {
            [UnitLevel.County] = 12, [UnitLevel.Township] = 12, [UnitLevel.Village] = 12,
            [UnitLevel.Grid] = 15, [UnitLevel.Courtyard] = 18,
        };
        Assert.Multiple(() =>
        {
            foreach (var unit in _units)
            {
                Assert.That(unit.Code, Does.Match("^[0-9]+$"), unit.Code);
                Assert.That(unit.Code, Has.Length.EqualTo(expectedLength[unit.Level]), unit.Code);
                if (unit.Level is UnitLevel.Grid or UnitLevel.Courtyard)
                    Assert.That(unit.Code, Does.StartWith(unit.ParentCode!), unit.Code);
            }
        });
    }

    [Test]
    public void Every_grid_has_a_full_time_grid_worker()
    {
        AssertEachUnitOfLevelHasRole(UnitLevel.Grid, StaffRoles.GridWorkerFullTime);
    }

    [Test]
    public void Every_village_has_a_village_handler()
    {
        AssertEachUnitOfLevelHasRole(UnitLevel.Village, "village-handler");
    }

    [Test]
    public void Every_township_has_a_township_dispatcher()
    {
        AssertEachUnitOfLevelHasRole(UnitLevel.Township, "township-dispatcher");
    }

    [Test]
    public void Every_staff_member_belongs_to_an_existing_unit_and_has_a_unique_id()
    {
        var codes = _units.Select(u => u.Code).ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(_staff.Select(s => s.Id), Is.Unique);
            Assert.That(_staff.Select(s => s.UnitCode), Has.All.Matches<string>(code => code is not null && codes.Contains(code)));
            Assert.That(_staff.Select(s => s.Name), Has.None.Empty);
        });
    }

    [Test]
    public void The_same_seed_gives_identical_output()
    {
        var county = DemoCounty.Generate(DemoCountySize.Demo, seed: 7);
        var again = DemoCounty.Generate(DemoCountySize.Demo, seed: 7);

        Assert.Multiple(() =>
        {
            Assert.That(again.Units, Is.EqualTo(county.Units));
            Assert.That(again.Staff, Is.EqualTo(county.Staff));
            Assert.That(again.Duties, Is.EqualTo(county.Duties));
            Assert.That(again.CareSubjects, Is.EqualTo(county.CareSubjects));
            Assert.That(again.Departments.Select(d => (d.Id, d.NameZh)), Is.EqualTo(county.Departments.Select(d => (d.Id, d.NameZh))));
            Assert.That(again.Boundaries.Select(b => Geometry.ToJson(b.Shape)), Is.EqualTo(county.Boundaries.Select(b => Geometry.ToJson(b.Shape))));
        });
    }

    [Test]
    public void The_default_seed_is_stable_across_calls()
    {
        var county = DemoCounty.Generate(DemoCountySize.Demo);

        Assert.Multiple(() =>
        {
            Assert.That(county.Units, Is.EqualTo(_units));
            Assert.That(county.Staff, Is.EqualTo(_staff));
        });
    }

    [Test]
    public void A_different_seed_gives_different_names_but_the_same_codes()
    {
        var county = DemoCounty.Generate(DemoCountySize.Demo, seed: 1);
        var other = DemoCounty.Generate(DemoCountySize.Demo, seed: 2);

        Assert.Multiple(() =>
        {
            Assert.That(other.Units.Select(u => u.Name), Is.Not.EqualTo(county.Units.Select(u => u.Name)));
            Assert.That(other.Staff.Select(s => s.Name), Is.Not.EqualTo(county.Staff.Select(s => s.Name)));
            Assert.That(other.Units.Select(u => u.Code), Is.EqualTo(county.Units.Select(u => u.Code)));
        });
    }

    [Test]
    public void A_custom_size_gives_the_product_of_children_per_level()
    {
        var units = DemoCounty.Generate(DemoCountySize.PerParent(2, 3, 2, 1)).Units;

        Assert.Multiple(() =>
        {
            Assert.That(units.Count(u => u.Level == UnitLevel.Township), Is.EqualTo(2));
            Assert.That(units.Count(u => u.Level == UnitLevel.Village), Is.EqualTo(6));
            Assert.That(units.Count(u => u.Level == UnitLevel.Grid), Is.EqualTo(12));
            Assert.That(units.Count(u => u.Level == UnitLevel.Courtyard), Is.EqualTo(12));
        });
    }

    private void AssertEachUnitOfLevelHasRole(UnitLevel level, string role)
    {
        var covered = _staff.Where(s => s.Role == role).Select(s => s.UnitCode).ToHashSet();
        var units = _units.Where(u => u.Level == level).Select(u => u.Code).ToList();

        Assert.That(units, Is.Not.Empty);
        Assert.That(units, Is.SubsetOf(covered), $"every {level} should have a {role}");
    }
}
