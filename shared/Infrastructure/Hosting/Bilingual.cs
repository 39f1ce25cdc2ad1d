using System.Globalization;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// A text a user reads (a problem's title, detail or field message), in both of the system's languages, said
/// in the caller's: Chinese when the current UI culture is Chinese, English otherwise. A request's UI culture
/// is set by <see cref="Languages"/> from its Accept-Language (zh-CN unless it asks for English); outside a
/// request (a consumer, the command line, a unit test, a log) the process's culture decides, so English there.
/// Texts live in catalogues (<see cref="ProblemTexts"/>, each service's <c>Handling/*Texts.cs</c>), never at
/// the call site: docs/CONVENTIONS.md "A message a user reads".
/// </summary>
public readonly record struct Bilingual(string En, string Zh)
{
    public static bool InChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public override string ToString() => InChinese ? Zh : En;

    /// <summary>Said when it is used, like a resource string: a <c>string</c> parameter (a field message, a
    /// refusal's why) takes it as it stands, in the request's language.</summary>
    public static implicit operator string(Bilingual text) => text.ToString();

    /// <summary>Two texts one after the other, each in its own language ("A; B").</summary>
    public static Bilingual operator +(Bilingual a, Bilingual b) => new(a.En + b.En, a.Zh + b.Zh);
}
