using System.Net;
using Dapper;
using Governance.Grids.Data;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>Township teams and county bureaus, and the categories they handle.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class DepartmentTests(Provider provider) : GridsFixture(provider)
{
    // New departments go to another township, so that the demo township keeps exactly its five teams.
    private const string OtherTownship = "500101003000";

    [Test]
    public async Task Every_demo_township_has_its_teams_and_the_county_its_bureaus()
    {
        var teams = await GetAsync($"/grids/departments?unitCode={Demo.Township}");
        Assert.That(teams.GetArrayLength(), Is.EqualTo(5));
        var justice = teams.EnumerateArray().Single(d => d.GetProperty("nameZh").GetString()!.EndsWith("司法所"));
        Assert.Multiple(() =>
        {
            Assert.That(justice.GetProperty("nameEn").GetString(), Is.EqualTo("Justice Office"));
            Assert.That(justice.GetProperty("categories").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "dispute" }));
        });

        var safety = await GetAsync("/grids/departments?category=work-safety");
        Assert.That(safety.EnumerateArray().Select(d => d.GetProperty("unitCode").GetString()).Distinct(),
            Is.SupersetOf(new[] { Demo.County, Demo.Township }), "each township's 应急 team and the county bureau");
        Assert.That(safety.EnumerateArray().All(d => d.GetProperty("categories").EnumerateArray().Any(c => c.GetString() == "work-safety")));

        var handlers = await GetAsync($"/grids/staff?unitCode={Demo.Township}&role=department-handler");
        Assert.That(handlers.EnumerateArray().Select(h => h.GetProperty("departmentId").GetGuid()),
            Is.EquivalentTo(teams.EnumerateArray().Select(t => t.GetProperty("id").GetGuid())));
    }

    [Test]
    public async Task A_new_department_is_created_with_its_categories_and_announced()
    {
        var created = await MustPostAsync("/grids/departments", new
        {
            unitCode = OtherTownship, nameZh = "农业服务中心", nameEn = "Agricultural Service Centre", categories = new[] { "consultation", "livelihood" },
        });
        var id = created.GetProperty("id").GetGuid();
        var listed = await GetAsync($"/grids/departments?unitCode={OtherTownship}&category=consultation");
        Assert.That(listed.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()), Does.Contain(id));

        await using var c = await Host.Get<GridsDatabase>().OpenAsync();
        var announced = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE message_type = @type AND body LIKE @id",
            new { type = typeof(Contracts.DepartmentsUpserted).FullName, id = $"%{id}%" });
        Assert.That(announced, Is.EqualTo(1));

        // A handler of the new department can now be registered.
        var handler = await MustPostAsync("/grids/staff", new { name = "农服专员", role = "department-handler", unitCode = OtherTownship, departmentId = id });
        Assert.That(handler.GetProperty("departmentId").GetGuid(), Is.EqualTo(id));
        var (wrongUnit, problem) = await PostAsync("/grids/staff", new { name = "县里的", role = "department-handler", unitCode = Demo.County, departmentId = id });
        Assert.That(wrongUnit, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "departmentId" }));
    }

    [Test]
    public async Task A_department_below_the_township_or_with_bad_categories_is_refused_field_by_field()
    {
        var (status, problem) = await PostAsync("/grids/departments", new
        {
            unitCode = Demo.Village, nameZh = "村调解室", nameEn = "", categories = new[] { "dispute", "gossip", "dispute" },
        });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "unitCode", "nameEn", "categories[1]", "categories[2]" }));

        var (empty, noCategories) = await PostAsync("/grids/departments", new { unitCode = Demo.Township, nameZh = "空", nameEn = "Empty", categories = Array.Empty<string>() });
        Assert.That(empty, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(noCategories), Is.EqualTo(new[] { "categories" }));
    }
}
