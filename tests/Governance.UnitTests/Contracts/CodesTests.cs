using System.Text.Json;
using Governance.Contracts;
using Governance.Infrastructure.Hosting;
using NUnit.Framework;

namespace Governance.UnitTests.Contracts;

[TestFixture]
public class CodesTests
{
    [TestCase("courtyard", Tier.Courtyard)]
    [TestCase("village", Tier.Village)]
    [TestCase("township", Tier.Township)]
    [TestCase("county", Tier.County)]
    public void Tier_code_parses_and_formats_back(string code, Tier tier)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Codes.TryParse<Tier>(code, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(tier));
            Assert.That(Codes.Of(tier), Is.EqualTo(code));
        });
    }

    [TestCase("IV", Grade.IV)]
    [TestCase("III", Grade.III)]
    [TestCase("II", Grade.II)]
    [TestCase("I", Grade.I)]
    public void Grade_code_is_the_roman_numeral(string code, Grade grade)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Codes.TryParse<Grade>(code, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(grade));
            Assert.That(Codes.Of(grade), Is.EqualTo(code));
        });
    }

    [TestCase("dispute", Category.Dispute)]
    [TestCase("public-security", Category.PublicSecurity)]
    [TestCase("petition", Category.Petition)]
    [TestCase("work-safety", Category.WorkSafety)]
    [TestCase("emergency", Category.Emergency)]
    [TestCase("livelihood", Category.Livelihood)]
    [TestCase("environment", Category.Environment)]
    [TestCase("facilities", Category.Facilities)]
    [TestCase("consultation", Category.Consultation)]
    [TestCase("other", Category.Other)]
    public void Category_code_is_the_hyphenated_name(string code, Category category)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Codes.TryParse<Category>(code, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(category));
            Assert.That(Codes.Of(category), Is.EqualTo(code));
        });
    }

    [Test]
    public void Every_category_round_trips_through_its_code()
    {
        Assert.Multiple(() =>
        {
            foreach (var category in Enum.GetValues<Category>())
            {
                Assert.That(Codes.TryParse<Category>(Codes.Of(category), out var back), Is.True, category.ToString());
                Assert.That(back, Is.EqualTo(category));
            }
        });
    }

    [TestCase("PublicSecurity")]
    [TestCase("public_security")]
    [TestCase("Public-Security")]
    [TestCase("fire")]
    [TestCase("")]
    [TestCase(" dispute")]
    [TestCase("0")]
    [TestCase(null)]
    public void Unknown_category_code_is_rejected(string? code)
    {
        Assert.That(Codes.TryParse<Category>(code, out _), Is.False);
    }

    [TestCase("Village")]
    [TestCase("grid")]
    [TestCase("2")]
    public void Unknown_tier_code_is_rejected(string code)
    {
        Assert.That(Codes.TryParse<Tier>(code, out _), Is.False);
    }

    [TestCase("iv")]
    [TestCase("V")]
    [TestCase("4")]
    public void Unknown_grade_code_is_rejected(string code)
    {
        Assert.That(Codes.TryParse<Grade>(code, out _), Is.False);
    }

    [Test]
    public void List_names_every_code()
    {
        Assert.That(Codes.List<Tier>(), Is.EqualTo("courtyard, village, township, county"));
    }

    [Test]
    public void Json_writes_work_safety_as_its_code()
    {
        Assert.That(JsonSerializer.Serialize(Category.WorkSafety), Is.EqualTo("\"work-safety\""));
    }

    [Test]
    public void Json_and_codes_agree_on_every_vocabulary_member()
    {
        Assert.Multiple(() =>
        {
            foreach (var category in Enum.GetValues<Category>())
                Assert.That(JsonSerializer.Serialize(category), Is.EqualTo($"\"{Codes.Of(category)}\""));
            foreach (var grade in Enum.GetValues<Grade>())
                Assert.That(JsonSerializer.Serialize(grade), Is.EqualTo($"\"{Codes.Of(grade)}\""));
            foreach (var tier in Enum.GetValues<Tier>())
                Assert.That(JsonSerializer.Serialize(tier), Is.EqualTo($"\"{Codes.Of(tier)}\""));
        });
    }

    [Test]
    public void Json_reads_public_security_from_its_code()
    {
        Assert.That(JsonSerializer.Deserialize<Category>("\"public-security\""), Is.EqualTo(Category.PublicSecurity));
    }
}
