using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// Collects field errors for an RFC 7807 validation problem. Field names are the JSON names the
/// client sent (camelCase), so a form can put each message next to its field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>The most rows any list lets a caller skip: far beyond a real list, and far from int's end, so an
    /// offset plus a page never overflows (in C# or in SQL's integer arithmetic).</summary>
    public const int MaxOffset = 10_000_000;

    /// <summary>A list's <c>offset</c>: none, or 0 up to <see cref="MaxOffset"/>.</summary>
    public FieldErrors Offset(int? offset) =>
        offset is < 0 or > MaxOffset ? Add("offset", ProblemTexts.Between("offset", 0, MaxOffset)) : this;

    public FieldErrors Require(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, ProblemTexts.Required(field));
        else if (value.Length > maxLength) Add(field, ProblemTexts.TooLong(field, maxLength));
        else if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            Add(field, ProblemTexts.ControlCharacters(field));
        return this;
    }

    /// <summary>Like <see cref="Require"/> for a value that may be left out (a filter, an optional note).</summary>
    public FieldErrors Optional(string field, string? value, int maxLength) =>
        string.IsNullOrEmpty(value) ? this : Require(field, value, maxLength);

    /// <summary>One line for a command line (issue-token): "field: message; …".</summary>
    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    /// <summary>The messages were said in the request's language when added; the title is said here.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: ProblemTexts.ValidationTitle);
}

/// <summary>
/// Turns a request body that is not valid JSON, or has a value of the wrong type, into a 400
/// validation problem naming the field (from the JSON path), instead of a bare 400 or a 500.
/// </summary>
public sealed class BadRequestBodyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // A body in a charset the JSON reader does not know (charset=gbk) is thrown as a bare InvalidOperationException,
        // which answered 500: it is the client's to fix, as an unsupported media type.
        if (exception is InvalidOperationException { Message: var text } && text.Contains("charset", StringComparison.Ordinal)
            && text.Contains("not a known encoding", StringComparison.Ordinal))
            exception = new BadHttpRequestException(ProblemTexts.Utf8JsonOnly, StatusCodes.Status415UnsupportedMediaType, exception);
        if (exception is not BadHttpRequestException bad) return false;
        // 404 and 403 come before 400 (docs/permissions.md): a case action's check needs no body.
        // The exception handler has cleared the endpoint and its route values; its feature keeps them.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        // Every such check of the endpoint, in the order declared (the roles, then e.g. whose patrol it is).
        var checks = failed?.Endpoint?.Metadata.GetOrderedMetadata<Authority.IBodyIndependentCheck>() ?? [];
        if (checks.Count > 0 && failed!.RouteValues is { } routeValues)
            context.Request.RouteValues = new Microsoft.AspNetCore.Routing.RouteValueDictionary(routeValues);
        foreach (var check in checks)
        {
            if (await check.RefusalAsync(context) is not { } refusal) continue;
            // A bare 404 answered here, past the endpoint, gets no problem body from the status code pages: it is
            // written as one, as the same 404 is with a readable body (the outside probe saw an empty 404).
            if (refusal is IStatusCodeHttpResult { StatusCode: { } code } and not IValueHttpResult)
            {
                context.Response.StatusCode = code;
                return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = new ProblemDetails { Status = code } });
            }
            await refusal.ExecuteAsync(context);
            return true;
        }
        context.Response.StatusCode = bad.StatusCode;
        var (field, message, title) = QueryParameterFault.Of(bad.Message) ?? BodyFault(bad);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = title,
            },
            Exception = exception,
        });
    }

    private static (string Field, string Message, string Title) BodyFault(BadHttpRequestException bad)
    {
        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : "body";
        if (field.Length == 0) field = "body";
        if (json is Governance.Contracts.KeyedJsonException { Key: { } key }) field = field == "body" ? key : $"{field}.{key}";
        // A code that is none of its kind's: say which are (as a field read by hand says), not "not valid JSON".
        if (json is Governance.Contracts.CodeJsonException code)
            return (field, ProblemTexts.OneOf(field, code.Codes), ProblemTexts.BodyUnreadableTitle);
        return (field, json is null ? ProblemTexts.BodyFault(bad.StatusCode, bad.Message) : ProblemTexts.NotJsonOfType(field), ProblemTexts.BodyUnreadableTitle);
    }
}

/// <summary>
/// A query or route value ASP.NET Core could not bind ("Failed to bind parameter \"Nullable&lt;int&gt; limit\" from
/// \"abc\"."): named by its parameter and said in the user's terms, not as a body fault with .NET type names.
/// </summary>
internal static partial class QueryParameterFault
{
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[A-Za-z0-9_]+)\" from \"(?<value>.*)\"\\.?$")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    public static (string Field, string Message, string Title)? Of(string message)
    {
        var match = BindFailure().Match(message);
        if (!match.Success) return null;
        var name = match.Groups["name"].Value;
        var type = match.Groups["type"].Value;
        var expected = type switch
        {
            _ when type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.OrdinalIgnoreCase) => ProblemTexts.WholeNumber,
            _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => ProblemTexts.TrueOrFalse,
            _ when type.Contains("Guid", StringComparison.Ordinal) => ProblemTexts.Identifier,
            _ when type.Contains("DateOnly", StringComparison.Ordinal) => ProblemTexts.Date,
            _ when type.Contains("Date", StringComparison.Ordinal) => ProblemTexts.Time,
            _ when type.Contains("double", StringComparison.OrdinalIgnoreCase) || type.Contains("decimal", StringComparison.OrdinalIgnoreCase) => ProblemTexts.Number,
            _ => ProblemTexts.ExpectedKind,
        };
        return (name, ProblemTexts.MustBe(name, expected), ProblemTexts.QueryUnreadableTitle);
    }
}
