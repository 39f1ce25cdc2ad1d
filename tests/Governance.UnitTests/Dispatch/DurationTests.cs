using System.Text.Json;
using Governance.Contracts;
using Governance.Dispatch.Routing;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

[TestFixture]
public class DurationTests
{
    private static IEnumerable<TestCaseData> ParseCases()
    {
        yield return new TestCaseData("3d", TimeSpan.FromDays(3)).SetName("Parses_3d_as_three_days");
        yield return new TestCaseData("24h", TimeSpan.FromHours(24)).SetName("Parses_24h_as_24_hours");
        yield return new TestCaseData("1d12h", TimeSpan.FromHours(36)).SetName("Parses_1d12h_as_36_hours");
        yield return new TestCaseData("90s", TimeSpan.FromSeconds(90)).SetName("Parses_90s_as_90_seconds");
        yield return new TestCaseData("45m", TimeSpan.FromMinutes(45)).SetName("Parses_45m_as_45_minutes");
        yield return new TestCaseData("1d2h3m4s", new TimeSpan(1, 2, 3, 4)).SetName("Parses_all_four_units_together");
        yield return new TestCaseData("  3d  ", TimeSpan.FromDays(3)).SetName("Parses_with_surrounding_whitespace_trimmed");
        yield return new TestCaseData("0d5h", TimeSpan.FromHours(5)).SetName("Parses_a_zero_part_next_to_a_positive_one");
    }

    [TestCaseSource(nameof(ParseCases))]
    public void TryParse_reads_the_administrator_notation(string text, TimeSpan expected)
    {
        var ok = Duration.TryParse(text, out var value);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(value, Is.EqualTo(expected));
        });
    }

    [TestCase("3d", "3d")]
    [TestCase("24h", "1d")]
    [TestCase("1d12h", "1d12h")]
    [TestCase("90s", "1m30s")]
    [TestCase("36h", "1d12h")]
    [TestCase("120m", "2h")]
    [TestCase("1d2h3m4s", "1d2h3m4s")]
    public void Parse_then_format_gives_the_canonical_text(string text, string expected)
    {
        Assert.That(Duration.TryParse(text, out var value), Is.True);
        Assert.That(Duration.Format(value), Is.EqualTo(expected));
    }

    [TestCase("3d")]
    [TestCase("1d12h")]
    [TestCase("1m30s")]
    [TestCase("7d23h59m59s")]
    public void Format_then_parse_round_trips(string canonical)
    {
        Assert.That(Duration.TryParse(canonical, out var value), Is.True);
        Assert.That(Duration.TryParse(Duration.Format(value), out var again), Is.True);
        Assert.That(again, Is.EqualTo(value));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    [TestCase("0s")]
    [TestCase("0d0h")]
    [TestCase("abc")]
    [TestCase("-1d")]
    [TestCase("3x")]
    [TestCase("3")]
    [TestCase("d")]
    [TestCase("3D")]
    [TestCase("12h1d")]
    [TestCase("1.5d")]
    [TestCase("3d 4h")]
    [TestCase("12345d")]
    public void TryParse_rejects_text_that_is_not_a_positive_duration(string? text)
    {
        var ok = Duration.TryParse(text, out var value);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(value, Is.EqualTo(TimeSpan.Zero));
        });
    }

    // Regression: \d in the pattern matched full-width "３" (as a Chinese IME types it) and Arabic-Indic
    // "٣", which long.Parse refuses, so TryParse threw instead of returning false.
    [TestCase("３d")]
    [TestCase("٣d")]
    public void TryParse_returns_false_instead_of_throwing_on_non_ascii_digits(string text)
    {
        var ok = false;
        Assert.That(() => ok = Duration.TryParse(text, out _), Throws.Nothing);
        Assert.That(ok, Is.False);
    }

    [Test]
    public void Format_of_zero_is_0s()
    {
        Assert.That(Duration.Format(TimeSpan.Zero), Is.EqualTo("0s"));
    }

    [Test]
    public void Tier_deadlines_serialise_as_duration_texts()
    {
        var deadlines = new TierDeadlines(TimeSpan.FromDays(1), TimeSpan.FromHours(36), TimeSpan.FromDays(7), TimeSpan.FromSeconds(90));

        var json = JsonSerializer.Serialize(deadlines);

        Assert.That(json, Is.EqualTo("""{"courtyard":"1d","village":"1d12h","township":"7d","county":"1m30s"}"""));
    }

    [Test]
    public void Tier_deadlines_round_trip_through_json()
    {
        var deadlines = RoutingPolicy.Default.Deadlines;

        var back = JsonSerializer.Deserialize<TierDeadlines>(JsonSerializer.Serialize(deadlines));

        Assert.That(back, Is.EqualTo(deadlines));
    }

    [Test]
    public void Tier_deadlines_deserialise_from_administrator_text()
    {
        var back = JsonSerializer.Deserialize<TierDeadlines>("""{"courtyard":"24h","village":"3d","township":"1d12h","county":"15d"}""");

        Assert.That(back, Is.EqualTo(new TierDeadlines(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromHours(36), TimeSpan.FromDays(15))));
    }

    [TestCase("\"3x\"")]
    [TestCase("\"0s\"")]
    [TestCase("\"\"")]
    [TestCase("86400")]
    [TestCase("null")]
    public void A_bad_deadline_value_throws_JsonException(string village)
    {
        var json = $$"""{"courtyard":"1d","village":{{village}},"township":"7d","county":"15d"}""";

        Assert.That(() => JsonSerializer.Deserialize<TierDeadlines>(json), Throws.InstanceOf<JsonException>());
    }

    // Regression: the converter let a FormatException escape, so a PUT of such a policy was a 500
    // instead of a 400 naming the field.
    [Test]
    public void A_deadline_with_full_width_digits_throws_JsonException()
    {
        const string json = """{"courtyard":"1d","village":"３d","township":"7d","county":"15d"}""";

        Assert.That(() => JsonSerializer.Deserialize<TierDeadlines>(json), Throws.InstanceOf<JsonException>());
    }

    // The outside probe: "VILLAGE" beside "village" replaced the village's deadline; "grid", "1" and "" vanished.
    [TestCase("VILLAGE")]
    [TestCase("Village")]
    [TestCase("village")]
    [TestCase("grid")]
    [TestCase("1")]
    [TestCase("")]
    [TestCase(" county")]
    public void A_key_that_is_no_tier_code_or_a_tier_given_twice_is_refused_by_name(string key)
    {
        var json = $$"""{"courtyard":"1d","village":"3d","township":"7d","county":"15d","{{key}}":"1d"}""";

        var refused = Assert.Throws<CodeJsonException>(() => JsonSerializer.Deserialize<TierDeadlines>(json))!;

        Assert.Multiple(() =>
        {
            Assert.That(refused.Key, Is.EqualTo(key));
            Assert.That(refused.Codes, Is.EqualTo("courtyard, village, township, county"));
        });
    }

    [Test]
    public void A_value_that_is_no_duration_names_its_tier()
    {
        var refused = Assert.Throws<KeyedJsonException>(() =>
            JsonSerializer.Deserialize<TierDeadlines>("""{"courtyard":"soon","village":"3d","township":"7d","county":"15d"}"""))!;

        Assert.That(refused.Key, Is.EqualTo("courtyard"));
    }

    [Test]
    public void A_tier_left_out_reads_as_no_time_which_the_policy_check_refuses_naming_it()
    {
        var back = JsonSerializer.Deserialize<TierDeadlines>("""{"courtyard":"1d","township":"7d","county":"15d"}""")!;
        var policy = RoutingPolicy.Default with { Deadlines = back };

        var errors = PolicyValidation.Check(policy);

        Assert.That(errors.Has("deadlines.village"), Is.True, errors.ToString());
    }

    [Test]
    public void A_policy_rule_deadline_serialises_as_text_and_an_absent_one_as_null()
    {
        var withDeadline = new PolicyRule(Category.Emergency, Grade.II, Tier.County, TimeSpan.FromHours(24));
        var without = new PolicyRule(null, Grade.IV, Tier.Courtyard);

        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(withDeadline),
                Is.EqualTo("""{"Category":"emergency","Grade":"II","LowestTier":"county","Deadline":"1d"}"""));
            Assert.That(JsonSerializer.Serialize(without),
                Is.EqualTo("""{"Category":null,"Grade":"IV","LowestTier":"courtyard","Deadline":null}"""));
        });
    }

    [Test]
    public void The_default_policy_round_trips_through_json()
    {
        var policy = RoutingPolicy.Default;

        var back = JsonSerializer.Deserialize<RoutingPolicy>(JsonSerializer.Serialize(policy))!;

        Assert.Multiple(() =>
        {
            Assert.That(back.Version, Is.EqualTo(policy.Version));
            Assert.That(back.Rules, Is.EqualTo(policy.Rules));
            Assert.That(back.Deadlines, Is.EqualTo(policy.Deadlines));
        });
    }

    [Test]
    public void A_bad_policy_rule_deadline_throws_JsonException()
    {
        const string json = """{"Category":null,"Grade":"IV","LowestTier":"courtyard","Deadline":"soon"}""";

        Assert.That(() => JsonSerializer.Deserialize<PolicyRule>(json), Throws.InstanceOf<JsonException>());
    }
}
