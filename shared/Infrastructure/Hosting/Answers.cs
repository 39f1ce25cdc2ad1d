using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Infrastructure.Hosting;

/// <summary>How every service answers an <see cref="Outcome{T}"/>, checked in this order: 200/201 (or 200
/// without a body), a validation problem naming the fields (400), 404, 403 "Not yours to do", 409 with the
/// reason. Each service makes one, with its own title for a conflict (its clients know it by those words), said in
/// the request's language (<see cref="Bilingual"/>).</summary>
public sealed class Answers(Bilingual conflictTitle)
{
    public Bilingual ConflictTitle { get; } = conflictTitle;

    public Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> Ok<T>(Outcome<T> outcome) =>
        Answer<T, Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult>>(outcome, v => TypedResults.Ok(v), p => p, n => n, p => p);

    /// <summary>200 without a body: the change was made, there is nothing to show.</summary>
    public Results<Ok, ValidationProblem, NotFound, ProblemHttpResult> Empty<T>(Outcome<T> outcome) =>
        Answer<T, Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>>(outcome, _ => TypedResults.Ok(), p => p, n => n, p => p);

    public Results<Created<T>, ValidationProblem, NotFound, ProblemHttpResult> Created<T>(Outcome<T> outcome, Func<T, string> location) =>
        Answer<T, Results<Created<T>, ValidationProblem, NotFound, ProblemHttpResult>>(outcome,
            v => TypedResults.Created(location(v), v), p => p, n => n, p => p);

    /// <summary>409 with this service's title.</summary>
    public ProblemHttpResult Conflict(string why, IEnumerable<KeyValuePair<string, object?>>? extensions = null) =>
        TypedResults.Problem(why, statusCode: StatusCodes.Status409Conflict, title: ConflictTitle, extensions: extensions);

    /// <summary>403, the same answer the endpoint filters give (Governance.Infrastructure.Authority).</summary>
    public static ProblemHttpResult Forbidden(string why, IEnumerable<KeyValuePair<string, object?>>? extensions = null) =>
        TypedResults.Problem(why, statusCode: StatusCodes.Status403Forbidden, title: ProblemTexts.NotYoursTitle, extensions: extensions);

    // One switch for every shape; the callers' lambdas turn each typed result into their union.
    private TResults Answer<T, TResults>(Outcome<T> outcome, Func<T, TResults> done,
        Func<ValidationProblem, TResults> invalid, Func<NotFound, TResults> notFound, Func<ProblemHttpResult, TResults> problem) =>
        outcome switch
        {
            Outcome<T>.Done d => done(d.Value),
            Outcome<T>.Invalid i => invalid(i.Errors.ToProblem()),
            Outcome<T>.NotFound => notFound(TypedResults.NotFound()),
            Outcome<T>.Forbidden f => problem(Forbidden(f.Why)),
            Outcome<T>.Conflict c => problem(Conflict(c.Why, c.Extensions)),
            Outcome<T>.Gone g => problem(TypedResults.Problem(g.Why, statusCode: StatusCodes.Status410Gone, title: ProblemTexts.GoneTitle, extensions: g.Extensions)),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An outcome this mapping does not know."),
        };
}
