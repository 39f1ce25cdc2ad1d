using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance.Grids.Handling;

/// <summary>
/// Field checks shared by the API and the CSV imports. Each error is keyed by <c>prefix + field</c>
/// ("parentCode" from the API, "rows[12].parentCode" from an import) and says what is wrong in the
/// words of the field, so a form or a spreadsheet user can fix it in place.
/// </summary>
public static partial class Fields
{
    /// <summary>Trimmed text, or null (with an error if it was required, too long or has control characters).</summary>
    public static string? Text(FieldErrors errors, string prefix, string field, string? value, int maxLength, bool required = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(prefix + field, ProblemTexts.Required(field));
            return null;
        }
        if (text.Length > maxLength) errors.Add(prefix + field, ProblemTexts.TooLong(field, maxLength));
        else if (text.Any(char.IsControl)) errors.Add(prefix + field, ProblemTexts.ControlCharacters(field));
        else return text;
        return null;
    }

    /// <summary>A code or id: letters, digits, '-', '_' and '.', starting with a letter or digit.</summary>
    public static string? Code(FieldErrors errors, string prefix, string field, string? value, int maxLength, bool required = true)
    {
        var text = Text(errors, prefix, field, value, maxLength, required);
        if (text is not null && !CodePattern().IsMatch(text))
        {
            errors.Add(prefix + field, GridsTexts.CodeCharacters(field));
            return null;
        }
        return text;
    }

    /// <summary>A phone number: digits, optionally with '+', '-' and spaces. Stored as given.</summary>
    public static string? Phone(FieldErrors errors, string prefix, string field, string? value)
    {
        var text = Text(errors, prefix, field, value, 32, required: false);
        if (text is not null && !PhonePattern().IsMatch(text))
        {
            errors.Add(prefix + field, GridsTexts.PhoneNumber(field));
            return null;
        }
        return text;
    }

    /// <summary>A resident ID number (15 or 18 characters, digits and a final X).</summary>
    public static string? IdNumber(FieldErrors errors, string prefix, string field, string? value)
    {
        var text = Text(errors, prefix, field, value, 32, required: false)?.ToUpperInvariant();
        if (text is not null && !IdNumberPattern().IsMatch(text))
        {
            errors.Add(prefix + field, GridsTexts.IdNumber(field));
            return null;
        }
        return text;
    }

    public static TEnum? Enum<TEnum>(FieldErrors errors, string prefix, string field, string? value, bool required = true) where TEnum : struct, System.Enum
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(prefix + field, ProblemTexts.Required(field));
            return null;
        }
        if (Codes.TryParse<TEnum>(text, out var parsed)) return parsed;
        errors.Add(prefix + field, ProblemTexts.OneOf(field, Codes.List<TEnum>()));
        return null;
    }

    /// <summary>The moments any record of people and places may name: nothing here happened before
    /// 2000 or is planned after 2099 (year 0001 or 9999 is a typing or a probing error).</summary>
    public static readonly DateTimeOffset EarliestMoment = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset LatestMoment = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An ISO 8601 moment with an offset ("2025-03-01T08:00:00+08:00" or "…Z"), from 2000 to 2099.</summary>
    public static DateTimeOffset? Moment(FieldErrors errors, string prefix, string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > 64 || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            errors.Add(prefix + field, GridsTexts.IsoMoment(field));
        else if (at < EarliestMoment || at >= LatestMoment)
            errors.Add(prefix + field, GridsTexts.MomentBetween(field));
        else return DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        return null;
    }

    public static int? Integer(FieldErrors errors, string prefix, string field, string? value, int min, int max, bool required = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(prefix + field, ProblemTexts.Required(field));
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(prefix + field, GridsTexts.WholeNumberFromTo(field, min, max));
        return null;
    }


    /// <summary>Category codes, at least one, none twice.</summary>
    public static IReadOnlyList<Category>? Categories(FieldErrors errors, string prefix, string field, IReadOnlyList<string?>? values)
    {
        if (values is null || values.Count == 0)
        {
            errors.Add(prefix + field, GridsTexts.AtLeastOneCategory(field));
            return null;
        }
        if (values.Count > System.Enum.GetValues<Category>().Length)
        {
            errors.Add(prefix + field, GridsTexts.CategoriesOnce(field, System.Enum.GetValues<Category>().Length));
            return null;
        }
        var parsed = new List<Category>();
        for (var i = 0; i < values.Count; i++)
        {
            if (Codes.TryParse<Category>(values[i]?.Trim(), out var category))
            {
                if (parsed.Contains(category)) errors.Add($"{prefix}{field}[{i}]", GridsTexts.CategoryTwice(field, values[i]));
                else parsed.Add(category);
            }
            else errors.Add($"{prefix}{field}[{i}]", GridsTexts.CategoriesFrom(field, Codes.List<Category>()));
        }
        return parsed.Count == values.Count ? parsed : null;
    }

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z._-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 -]{4,30}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^([0-9]{15}|[0-9]{17}[0-9X])$")]
    private static partial Regex IdNumberPattern();
}
