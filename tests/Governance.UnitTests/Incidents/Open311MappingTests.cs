using System.Text;
using System.Xml.Linq;
using Governance.Contracts;
using Governance.Incidents.Open311;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>The pure parts of Open311: the service list, the title cut, dates, the query window, the writers.</summary>
[TestFixture]
public class Open311MappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Every_category_is_exactly_one_service_with_its_code() =>
        Assert.That(ServiceCatalogue.Services.Select(s => s.Category), Is.EquivalentTo(Enum.GetValues<Category>()));

    [TestCase("短描述", "短描述")]
    [TestCase("第一行\n第二行", "第一行 第二行")]
    [TestCase("  spaces   inside  ", "spaces inside")]
    public void The_title_is_the_description_on_one_line(string description, string title) =>
        Assert.That(ServiceRequestForm.TitleOf(description), Is.EqualTo(title));

    [Test]
    public void The_title_is_cut_at_40_characters_without_splitting_a_surrogate_pair()
    {
        Assert.That(ServiceRequestForm.TitleOf(new string('路', 50)), Is.EqualTo(new string('路', 40)));
        var title = ServiceRequestForm.TitleOf(new string('a', 39) + "😀tail");
        Assert.That(title, Is.EqualTo(new string('a', 39)));
    }

    [TestCase("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [TestCase("2026-01-01T08:00:00+08:00", "2026-01-01T00:00:00Z")]
    [TestCase("2026-01-01T08:00:00 08:00", "2026-01-01T00:00:00Z")] // '+' arrived unencoded
    [TestCase("2026-01-01T08:00+08:00", "2026-01-01T00:00:00Z")]
    [TestCase("2026-01-01T00:00:00.123Z", "2026-01-01T00:00:00Z")]
    public void W3C_datetimes_with_a_zone_are_read(string text, string utc)
    {
        Assert.That(W3cDateTime.TryParse(text, out var value), Is.True);
        Assert.That(W3cDateTime.Format(value), Is.EqualTo(utc));
    }

    [TestCase("2026-01-01")]
    [TestCase("2026-01-01T00:00:00")]
    [TestCase("yesterday")]
    [TestCase("")]
    public void Datetimes_without_a_zone_or_not_W3C_are_refused(string text) =>
        Assert.That(W3cDateTime.TryParse(text, out _), Is.False);

    private static (ServiceRequestQuery? Query, IReadOnlyList<Open311Error> Errors) Parse(string query) =>
        ServiceRequestQueryParser.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), Now);

    [Test]
    public void Without_dates_the_window_is_the_last_90_days()
    {
        var q = Parse("").Query!;
        Assert.That((q.From, q.To), Is.EqualTo((Now.AddDays(-90), (DateTimeOffset?)null)));
        Assert.That(q.Limit, Is.EqualTo(1000));
    }

    [Test]
    public void One_date_opens_a_90_day_window_from_it()
    {
        var since = Parse("start_date=2026-01-01T00:00:00Z").Query!;
        Assert.That(since.To, Is.EqualTo(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        var until = Parse("end_date=2026-04-01T00:00:00Z").Query!;
        Assert.That(until.From, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Statuses_and_codes_may_be_comma_lists_or_repeated_and_both_words_mean_every_status()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["service_code"] = new(["dispute,facilities", "petition"]),
            ["status"] = new(["open", "closed"]),
        });
        var q = ServiceRequestQueryParser.Parse(query, Now).Query!;
        Assert.That(q.Categories, Is.EqualTo(new[] { Category.Dispute, Category.Facilities, Category.Petition }));
        Assert.That(q.Statuses, Is.Empty);
        Assert.That(Parse("status=closed").Query!.Statuses, Has.Count.EqualTo(2)); // closed and merged
    }

    [Test]
    public void Ids_override_every_other_argument()
    {
        var id = Guid.NewGuid();
        var q = Parse($"service_request_id={id}&status=nonsense&start_date=bad").Query!;
        Assert.That(q.Ids, Is.EqualTo(new[] { id }));
        Assert.That((q.From, q.To, q.Statuses.Count, q.Categories.Count), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)null, 0, 0)));
    }

    [Test]
    public void Every_bad_argument_is_reported_at_once()
    {
        var (query, errors) = Parse("status=pending&service_code=potholes&start_date=soon");
        Assert.That(query, Is.Null);
        Assert.That(errors.Select(e => e.Description.Split(' ')[0]), Is.EquivalentTo(new[] { "status", "service_code", "start_date" }));
        Assert.That(errors.Select(e => e.Code), Is.All.EqualTo(400));
    }

    private static readonly Open311Document Sample = new("service_requests", Doc.List("request",
    [
        Doc.Fields(("service_request_id", "a1"), ("status", "open"), ("description", "噪音 <扰民> & \u0001"), ("lat", 30.81), ("account_id", null),
            ("requested_datetime", new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)))),
    ]));

    [Test]
    public void XML_is_UTF8_with_the_spec_s_element_names_and_Chinese_intact()
    {
        var text = Encoding.UTF8.GetString(Open311Writer.Render(Open311Format.Xml, Sample));
        Assert.That(text, Does.StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request>"));
        var request = XDocument.Parse(text).Root!.Element("request")!;
        Assert.That((string)request.Element("description")!, Is.EqualTo("噪音 <扰民> & \uFFFD"), "a character XML cannot carry is replaced");
        Assert.That((string)request.Element("lat")!, Is.EqualTo("30.81"));
        Assert.That(request.Element("account_id")!.IsEmpty, Is.True);
        Assert.That((string)request.Element("requested_datetime")!, Is.EqualTo("2026-01-01T00:00:00Z"));
    }

    [Test]
    public void JSON_is_the_same_document_as_an_array_of_objects()
    {
        var text = Encoding.UTF8.GetString(Open311Writer.Render(Open311Format.Json, Sample));
        Assert.That(text, Is.EqualTo(
            """[{"service_request_id":"a1","status":"open","description":"噪音 <扰民> & \u0001","lat":30.81,"account_id":null,"requested_datetime":"2026-01-01T00:00:00Z"}]"""));
    }
}
