using Governance.Incidents.Handling;
using Governance.Infrastructure.UnitCopy;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Governance.Incidents.Apis;

/// <summary>A case list's filters as the query string names them (the list, its export and the problem list
/// share them): status, unitCode, category, grade, tier, overdue, open (still being worked on), from and to (filed, China-local days,
/// inclusive), q (the title holds it), supervised (督办), inHand (包案) and dueFrom and dueTo (the deadline, China-local days, inclusive).</summary>
public static class CaseListQuery
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The longest title text searched for: a title is at most 200 characters, a search a few words of it.</summary>
    public const int MaxTitleText = 100;

    /// <summary>The filter, or the errors naming each field that could not be read.</summary>
    public static CaseFilter Read(IQueryCollection query, FieldErrors errors)
    {
        var from = Day(query, "from", errors);
        var to = Day(query, "to", errors);
        if (from is { } f && to is { } t && f > t) errors.Add("from", ProblemTexts.NotAfter("from", "to"));
        var dueFrom = Day(query, "dueFrom", errors);
        var dueTo = Day(query, "dueTo", errors);
        if (dueFrom is { } df && dueTo is { } dt && df > dt) errors.Add("dueFrom", ProblemTexts.NotAfter("dueFrom", "dueTo"));
        string? unitCode = query["unitCode"];
        errors.Optional("unitCode", unitCode, 32);
        var title = query["q"].ToString().Trim();
        errors.Optional("q", title, MaxTitleText);
        return new CaseFilter(
            Status: Code<IncidentStatus>(query, "status", errors), UnitCode: unitCode,
            Category: Code<Category>(query, "category", errors), Grade: Code<Grade>(query, "grade", errors),
            Tier: Code<Tier>(query, "tier", errors), Overdue: Flag(query, "overdue", errors),
            FiledFrom: from is { } start ? Start(start) : null, FiledBefore: to is { } end ? Start(end.AddDays(1)) : null,
            OpenOnly: Flag(query, "open", errors) ?? false,
            TitleContains: title.Length == 0 ? null : title,
            Supervised: Flag(query, "supervised", errors), InHand: Flag(query, "inHand", errors),
            DueFrom: dueFrom is { } a ? Start(a) : null, DueBefore: dueTo is { } b ? Start(b.AddDays(1)) : null);
    }

    /// <summary>A unitCode the county does not have is refused by name (as the dashboard does), not answered with an empty
    /// list that reads like "no cases there". One the caller may not read stays an empty list: his reach narrows it.</summary>
    public static async Task<bool> UnitKnownAsync(DbSession c, CaseFilter filter, FieldErrors errors)
    {
        if (filter.UnitCode is null || await UnitCopyStore.FindAsync(c, filter.UnitCode) is not null) return true;
        errors.Add("unitCode", ProblemTexts.UnknownUnit("unitCode", filter.UnitCode));
        return false;
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), ChinaOffset);

    private static T? Code<T>(IQueryCollection query, string field, FieldErrors errors) where T : struct, Enum
    {
        if (query[field].Count == 0) return null;
        if (Codes.TryParse<T>(query[field].ToString(), out var value)) return value;
        errors.Add(field, ProblemTexts.OneOf(field, Codes.List<T>()));
        return null;
    }

    private static bool? Flag(IQueryCollection query, string field, FieldErrors errors)
    {
        if (query[field].Count == 0) return null;
        switch (query[field].ToString())
        {
            case "true": return true;
            case "false": return false;
            default: errors.Add(field, IncidentsTexts.TrueOrFalse(field)); return null;
        }
    }

    private static DateOnly? Day(IQueryCollection query, string field, FieldErrors errors)
    {
        if (query[field].Count == 0) return null;
        if (DateOnly.TryParseExact(query[field].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 2000 and <= 2099) return day;
        errors.Add(field, IncidentsTexts.Day2000To2099(field));
        return null;
    }
}
