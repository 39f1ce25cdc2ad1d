using Governance.Incidents.Handling;
using Microsoft.AspNetCore.Http;

namespace Governance.Incidents.Open311;

/// <summary>
/// GET requests' query string, read the spec's way: empty means absent; service_request_id,
/// service_code and status are comma lists (or repeated); dates are W3C datetimes with a zone; the
/// window is the last 90 days unless given and never wider than 90 days; at most 1000 results.
/// </summary>
public static class ServiceRequestQueryParser
{
    public const int MaxResults = 1000;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public static (ServiceRequestQuery? Query, IReadOnlyList<Open311Error> Errors) Parse(IQueryCollection query, DateTimeOffset now)
    {
        var errors = new List<Open311Error>();
        void Error(string description) => errors.Add(new Open311Error(StatusCodes.Status400BadRequest, description));

        var idTexts = Items(query, "service_request_id");
        if (idTexts.Count > 0)
        {
            // "This overrides all other arguments."
            var ids = new List<Guid>();
            foreach (var text in idTexts)
                if (Guid.TryParse(text, out var id)) ids.Add(id);
                else Error(IncidentsTexts.NotAServiceRequestId(text));
            if (idTexts.Count > MaxResults) Error(IncidentsTexts.ServiceRequestIdsAtMost(MaxResults));
            return errors.Count > 0 ? (null, errors) : (new ServiceRequestQuery(ids.Distinct().ToList(), [], [], null, null, MaxResults), errors);
        }

        var categories = new List<Category>();
        foreach (var code in Items(query, "service_code"))
            if (ServiceCatalogue.Find(code) is { } service) categories.Add(service.Category);
            else Error(IncidentsTexts.NotAService(code, ServiceCatalogue.CodeList));

        var statuses = new List<Model.IncidentStatus>();
        var words = Items(query, "status");
        foreach (var word in words)
            if (word is not (Open311Status.Open or Open311Status.Closed)) Error(IncidentsTexts.OpenOrClosed(word));
        // Both words, or none, mean every status.
        if (errors.Count == 0 && words.Distinct().Count() == 1) statuses.AddRange(Open311Status.StatusesOf(words[0]));

        var start = Date(query, "start_date", Error);
        var end = Date(query, "end_date", Error);
        if (errors.Count > 0) return (null, errors);

        if (start is { } s && end is { } e)
        {
            if (s > e) Error(ProblemTexts.NotAfter("start_date", "end_date"));
            else if (e - s > MaxSpan) Error(IncidentsTexts.SpanAtMost90Days);
        }
        // One end given: the window is 90 days from it. Neither: the last 90 days.
        DateTimeOffset? from = start ?? (end is { } until ? until - MaxSpan : now - MaxSpan);
        DateTimeOffset? to = end ?? (start is { } since ? since + MaxSpan : null);
        return errors.Count > 0 ? (null, errors) : (new ServiceRequestQuery([], categories.Distinct().ToList(), statuses, from, to, MaxResults), errors);
    }

    /// <summary>Every value of a parameter, repeated or comma separated, trimmed, empties dropped.</summary>
    public static IReadOnlyList<string> Items(IQueryCollection query, string name) =>
        query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static DateTimeOffset? Date(IQueryCollection query, string name, Action<string> error)
    {
        var text = query[name].ToString();
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!W3cDateTime.TryParse(text, out var value))
            error(IncidentsTexts.W3cDateTime(name, text));
        // Requests exist from 2000 to 2099 at most; a window reaching year 1 would not even be computable.
        else if (value.Year is < 2000 or > 2099) error(IncidentsTexts.DateBetween(name));
        else return value;
        return null;
    }
}
