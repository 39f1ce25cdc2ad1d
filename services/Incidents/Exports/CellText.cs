using System.Text.RegularExpressions;
using Governance.Infrastructure.Security;

namespace Governance.Incidents.Exports;

/// <summary>What an exported text cell may hold. Everything people typed reaches spreadsheets that evaluate
/// a cell beginning with = + - @ (or a tab or carriage return that hides one) as a formula (CSV injection):
/// such a cell gets a leading apostrophe, the mark Excel and WPS read as "text". Personal numbers typed into
/// free text (a mobile or an ID number in a description) are masked as on the pages' lists.</summary>
public static partial class CellText
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string? Safe(string? text) =>
        string.IsNullOrEmpty(text) || Array.IndexOf(FormulaStarts, text[0]) < 0 ? text : "'" + text;

    /// <summary>Free text: personal numbers masked, then made safe.</summary>
    public static string? Free(string? text) => Safe(text is null ? null : MaskPersonal(text));

    /// <summary>Mainland mobile numbers (11 digits from 1) and resident ID numbers (17 digits and a digit or X),
    /// standing alone in the text, masked with <see cref="Masks"/>.</summary>
    public static string MaskPersonal(string text) =>
        IdNumber().Replace(Mobile().Replace(text, m => Masks.Phone(m.Value)!), m => Masks.IdNumber(m.Value)!);

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9Xx])")]
    private static partial Regex IdNumber();
}
