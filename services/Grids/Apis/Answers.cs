using Governance.Grids.Handling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Grids.Apis;

/// <summary>How a change's outcome is answered: 200/201, a validation problem naming the fields,
/// 404, 403 when it is not the caller's to make, or 409 with the reason the change conflicts with the data as it is.</summary>
internal static class Answers
{
    public static Results<Created<T>, ValidationProblem, NotFound, ProblemHttpResult> Created<T>(ChangeOutcome<T> outcome, Func<T, string> location) =>
        outcome switch
        {
            ChangeOutcome<T>.Done done => TypedResults.Created(location(done.Value), done.Value),
            ChangeOutcome<T>.Invalid invalid => invalid.Errors.ToProblem(),
            ChangeOutcome<T>.Conflict conflict => Conflict(conflict.Why),
            ChangeOutcome<T>.Forbidden forbidden => Forbidden(forbidden.Why),
            _ => TypedResults.NotFound(),
        };

    public static Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> Ok<T>(ChangeOutcome<T> outcome) =>
        outcome switch
        {
            ChangeOutcome<T>.Done done => TypedResults.Ok(done.Value),
            ChangeOutcome<T>.Invalid invalid => invalid.Errors.ToProblem(),
            ChangeOutcome<T>.Conflict conflict => Conflict(conflict.Why),
            ChangeOutcome<T>.Forbidden forbidden => Forbidden(forbidden.Why),
            _ => TypedResults.NotFound(),
        };

    /// <summary>The same answer the endpoint filters give (Governance.Infrastructure.Authority).</summary>
    public static ProblemHttpResult Forbidden(string why, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(why, statusCode: StatusCodes.Status403Forbidden, title: "Not yours to do", extensions: extensions);

    public static ProblemHttpResult Conflict(string why) =>
        TypedResults.Problem(why, statusCode: StatusCodes.Status409Conflict, title: "The change conflicts with the data as it is");
}
