using System.Text.RegularExpressions;

namespace Governance.Infrastructure.Sms;

/// <summary>
/// What a caller's phone may be. One number, as a person would write it: digits with an optional leading
/// "+" and spaces, hyphens or brackets between them (a landline "023-6789 1234", a mobile "138 1234 5678",
/// "+86 138…"). Never a list: an SMS platform reads "13800000000,13900000000" as two recipients, so a
/// filing could otherwise send the county's texts (and a resident's 回访 link) to anyone it names.
/// </summary>
public static partial class PhoneNumbers
{
    public const int MaxLength = 40;

    [GeneratedRegex(@"^\+?[0-9(][0-9 ()\-]{3,38}[0-9]$")]
    private static partial Regex OneNumber();

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex MainlandMobile();

    public static bool IsOneNumber(string text) =>
        text.Length <= MaxLength && OneNumber().IsMatch(text) && text.Count(char.IsAsciiDigit) >= 5;

    /// <summary>The 11-digit mainland mobile number a text can go to, or null (a landline, a foreign number,
    /// anything else): "+86 138-1234-5678" → "13812345678".</summary>
    public static string? MobileForText(string? text)
    {
        if (text is null || !IsOneNumber(text)) return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (text.StartsWith('+')) digits = digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : "";
        return MainlandMobile().IsMatch(digits) ? digits : null;
    }
}
