using System.Globalization;
using System.Reflection;
using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Hosting;
using NUnit.Framework;

namespace Governance.UnitTests.Hosting;

/// <summary>
/// Every text a problem says has both languages (issue #17): each message code of the catalogues — a static
/// member answering <see cref="Bilingual"/> anywhere in the shared code or a service — has an English and a
/// Chinese text, neither empty, the Chinese one in Chinese (not the English left untranslated).
/// </summary>
[TestFixture]
public sealed class ProblemTextsTests
{
    private static readonly Assembly[] Assemblies =
        [typeof(Bilingual).Assembly, typeof(GridsModule).Assembly, typeof(IncidentsModule).Assembly, typeof(DispatchModule).Assembly];

    /// <summary>Each message code, said with sample arguments.</summary>
    private static IEnumerable<TestCaseData> Codes()
    {
        foreach (var type in Assemblies.SelectMany(a => a.GetTypes()))
        foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            var text = member switch
            {
                PropertyInfo p when p.PropertyType == typeof(Bilingual) => (Bilingual)p.GetValue(null)!,
                MethodInfo m when m.ReturnType == typeof(Bilingual) && !m.IsSpecialName =>
                    (Bilingual)m.Invoke(null, m.GetParameters().Select(p => Sample(p.ParameterType)).ToArray())!,
                _ => (Bilingual?)null,
            };
            if (text is { } said) yield return new TestCaseData(said).SetArgDisplayNames($"{type.Name}.{member.Name}");
        }
        foreach (var (status, title) in ProblemTexts.FrameworkTitles)
            yield return new TestCaseData(title).SetArgDisplayNames($"FrameworkTitles[{status}]");
    }

    private static object? Sample(Type type) => type switch
    {
        _ when type == typeof(string) => "x-1",
        _ when type == typeof(int) => 3,
        _ when type == typeof(long) => 3L,
        _ when type == typeof(double) => 2500.0,
        _ when type == typeof(bool) => true,
        _ when type == typeof(Guid) => Guid.Empty,
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?) => new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero),
        _ when type == typeof(Bilingual) => ProblemTexts.WholeNumber,
        _ when type == typeof(IEnumerable<Grant>) => CasePermissions.Table[CaseAction.Resolve],
        _ when type == typeof(Governance.Contracts.UnitLevel) => Governance.Contracts.UnitLevel.Township,
        _ when type == typeof(IReadOnlyList<Governance.Contracts.UnitLevel>) => new[] { Governance.Contracts.UnitLevel.Grid, Governance.Contracts.UnitLevel.Village },
        _ when type == typeof(NetTopologySuite.Operation.Valid.TopologyValidationErrors?) => NetTopologySuite.Operation.Valid.TopologyValidationErrors.SelfIntersection,
        _ => throw new InvalidOperationException($"No sample for {type}: add one here."),
    };

    [TestCaseSource(nameof(Codes))]
    public void A_message_code_has_an_English_and_a_Chinese_text(Bilingual text)
    {
        Assert.That(text.En, Is.Not.Empty.And.Not.Contains("\uFFFD"));
        Assert.That(text.Zh, Is.Not.Empty.And.Not.EqualTo(text.En));
        Assert.That(text.Zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), Is.True, $"the Chinese text is in Chinese: {text.Zh}");
    }

    [Test]
    public void The_catalogues_are_found() =>
        Assert.That(Codes().Count(), Is.GreaterThan(200), "the reflection above still finds the message codes");

    [Test]
    public void A_text_is_said_in_the_current_UI_culture_and_in_English_outside_Chinese()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Languages.Chinese;
            Assert.That((string)ProblemTexts.Required("title"), Is.EqualTo("title 为必填项。"));
            CultureInfo.CurrentUICulture = Languages.English;
            Assert.That((string)ProblemTexts.Required("title"), Is.EqualTo("title is required."));
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture; // a consumer, the command line, a log
            Assert.That(new FieldErrors().Require("title", null, 10).ToString(), Is.EqualTo("title: title is required."));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
