using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Governance.Incidents.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>
/// Chinese everywhere the user looks (issue #17): every timeline action and every reason code Incidents can write
/// (read from the C# constants, the source of truth) has a zh-CN and an English text in the web's tables
/// (services/Web/src/timeline.ts, reasons.ts), and the Chinese one is Chinese, not a code ("policy v1", "not-solved").
/// </summary>
[TestFixture]
public sealed partial class TimelineTextsTests
{
    [Test]
    public void Every_timeline_action_has_a_Chinese_and_an_English_name()
    {
        var texts = Texts("timeline.ts");
        var actions = Constants(typeof(TimelineAction));
        Assert.That(actions, Has.Count.GreaterThan(30), "read the constants");
        Assert.Multiple(() =>
        {
            foreach (var action in actions) AssertBothLanguages(texts, "action_" + action.Replace('-', '_'));
        });
    }

    [Test]
    public void Every_reason_code_and_part_code_has_a_Chinese_and_an_English_text()
    {
        var texts = Texts("reasons.ts");
        var codes = Constants(typeof(TimelineReasons))
            .Concat([CodedReason.PlacedByLocation, CodedReason.PlacedByAlias, CodedReason.Triage])
            .Concat(TimelineReasons.PartCodes).Concat(CodedReason.PlacementPartCodes)
            .Concat(TimelineReasons.PartEnums.SelectMany(EnumCodes))
            .Distinct().ToList();
        Assert.That(codes, Does.Contain("not-solved").And.Contain("rejected-twice").And.Contain("deadline-passed").And.Contain("policy-version"));
        Assert.Multiple(() =>
        {
            foreach (var code in codes) AssertBothLanguages(texts, code);
        });
    }

    [Test]
    public void The_reasons_speak_the_English_the_API_always_gave()
    {
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Multiple(() =>
        {
            Assert.That(RoundTrip(TimelineReasons.Policy(1)), Is.EqualTo("policy v1"));
            Assert.That(RoundTrip(TimelineReasons.Escalated("rejected-twice", null)), Is.EqualTo("rejected-twice"));
            Assert.That(RoundTrip(TimelineReasons.Escalated("handler-requested", "too big")), Is.EqualTo("handler-requested: too big"));
            Assert.That(RoundTrip(TimelineReasons.Verified("not-solved", "still leaking")), Is.EqualTo("not-solved: still leaking"));
            Assert.That(RoundTrip(TimelineReasons.Regraded("IV", "III", TimelineReasons.Order493BandEnglish)),
                Is.EqualTo("IV → III: casualty and loss figures cross an Order 493 band"));
            Assert.That(RoundTrip(TimelineReasons.Casualties(new Casualties(1, 12, 50000))), Is.EqualTo("deaths 1, seriously injured 12, direct loss ¥50000"));
            Assert.That(RoundTrip(TimelineReasons.Mediation(at, ["老张", "老李"], ["甲", "乙"])),
                Is.EqualTo("2026-12-07 02:00Z; mediators 老张、老李; parties 甲、乙"), "10:00 China time is 02:00Z, never '10:00Z'");
            Assert.That(RoundTrip(TimelineReasons.Flagged("resolution", "township", "T1")), Is.EqualTo("resolution deadline missed; 超期预警 → township T1"));
            Assert.That(RoundTrip(TimelineReasons.Called("D1", [("D2", at)])), Is.EqualTo("lead D1; co-handlers D2 by 2026-12-07 02:00Z"));
            Assert.That(RoundTrip(TimelineReasons.Department("D2", late: true, note: "done")), Is.EqualTo("D2 (late): done"));
            Assert.That(RoundTrip(TimelineReasons.WeekdaysOnly(2027)), Is.EqualTo("2027"));
        });
    }

    private static string RoundTrip(CodedReason reason) => CodedReason.FromStored(reason.Stored())!.English();

    private static void AssertBothLanguages(IReadOnlyDictionary<string, (string Zh, string En)> texts, string key)
    {
        if (!texts.TryGetValue(key, out var pair))
        {
            Assert.Fail($"no text for '{key}'");
            return;
        }
        Assert.That(pair.En, Is.Not.Empty, $"'{key}' in English");
        // Placeholders ({v}) and the Roman grades aside, Chinese text has no Latin words: a code left untranslated does.
        var words = Placeholder().Replace(pair.Zh, "");
        Assert.That(pair.Zh, Is.Not.Empty, $"'{key}' in Chinese");
        Assert.That(Latin().IsMatch(words), Is.False, $"'{key}' in Chinese is '{pair.Zh}'");
    }

    private static List<string> Constants(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && !f.Name.EndsWith("English", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!).ToList();

    private static IEnumerable<string> EnumCodes(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    /// <summary>The [zh, en] pairs of a dictionary({...}) in a web source file, by key.</summary>
    private static Dictionary<string, (string Zh, string En)> Texts(string file)
    {
        var source = File.ReadAllText(Path.Combine(Repository(), "services", "Web", "src", file));
        return Pair().Matches(source).ToDictionary(m => m.Groups["key"].Value, m => (m.Groups["zh"].Value, m.Groups["en"].Value));
    }

    private static string Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Governance.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Governance.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("""^\s*'?(?<key>[\w-]+)'?:\s*\['(?<zh>[^']*)',\s*(?:'(?<en>[^']*)'|"(?<en>[^"]*)")\]""", RegexOptions.Multiline)]
    private static partial Regex Pair();

    [GeneratedRegex(@"\{\w+\}|\b(?:I|II|III|IV)\b|¥")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Latin();
}
