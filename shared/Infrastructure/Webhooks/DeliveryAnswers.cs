using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Infrastructure.Webhooks;

/// <summary>What every deliveries list and retry call answers alike (notices, Open311 callbacks).</summary>
public static class DeliveryAnswers
{
    public const int DefaultLimit = 100;

    /// <summary>Checks a list's ?status= and ?limit=, naming the field.</summary>
    public static FieldErrors CheckListQuery(string? status, int? limit)
    {
        var errors = new FieldErrors();
        if (status is not null && !DeliveryStatus.All.Contains(status))
            errors.Add("status", ProblemTexts.OneOf("status", string.Join(", ", DeliveryStatus.All)));
        if (limit is < 1 or > 1000) errors.Add("limit", ProblemTexts.Between("limit", 1, 1000));
        return errors;
    }

    /// <summary>409 for a retry of a delivery that is not failed.</summary>
    public static ProblemHttpResult NotFailed() =>
        TypedResults.Problem(ProblemTexts.RetryOnlyFailed, statusCode: StatusCodes.Status409Conflict, title: ProblemTexts.DeliveryConflictTitle);
}
