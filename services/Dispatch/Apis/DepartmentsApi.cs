using Governance.Dispatch.Handling;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Authority;
using Governance.Dispatch.Permissions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>
/// A department called in by 吹哨报到: its inbox (its open parts, its own deadline, overdue first),
/// its check-in (报到) and its feedback (反馈, finishing its part). A department is named by its id in
/// Grids (<c>GET /grids/departments</c>).
/// </summary>
/// <remarks>Who may act for a department (its handlers) is the permission model's to decide, wired
/// onto every endpoint in one place; these endpoints declare no role of their own.</remarks>
public static class DepartmentsApi
{
    /// <summary>One open part in a department's inbox. <see cref="DueAt"/> is the department's own
    /// deadline (the lead's is the case's); <see cref="Warning"/> is by that deadline.</summary>
    public sealed record InboxItem(Guid IncidentId, Category Category, Grade Grade, Tier Tier, string UnitCode, string PlaceCode,
        DepartmentRole Role, DateTimeOffset DueAt, bool Overdue, WarningLevel? Warning, DateTimeOffset CalledInAt,
        DateTimeOffset? CheckedInAt, string? CheckedInBy, DateTimeOffset? LastFeedbackAt, int FeedbackCount, DateTimeOffset CaseDueAt, string CaseStatus);

    public sealed record FeedbackRequest(string? Note, bool? Finished);

    public static void MapDepartmentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/departments/{departmentCode}/queue", GetInbox).WithSummary("A department's queue of cases it was called in on");
        // The model admits the departments called in; each may speak only for its own (SpeaksFor).
        var part = routes.MapGroup("/dispatch/assignments/{incidentId:guid}/departments/{departmentCode}");
        part.MapPost("/check-in", CheckIn).WithSummary("A department checks in on a case (报到)").Performs(CaseAction.DepartmentWork);
        part.MapPost("/feedback", Feedback).WithSummary("A department feeds back on its part, or finishes it").Performs(CaseAction.DepartmentWork);
    }

    private static async Task<Results<Ok<IReadOnlyList<InboxItem>>, ValidationProblem, NotFound>> GetInbox(
        DispatchDatabase db, PolicyStore policies, TimeProvider time, HttpContext http, string departmentCode, int? limit)
    {
        if (limit is < 1 or > 1000) return new FieldErrors().Add("limit", ProblemTexts.Between("limit", 1, 1000)).ToProblem();
        await using var c = await db.OpenReadAsync();
        if (DepartmentCopyStore.Normalise(departmentCode) is not { } code || await DepartmentCopyStore.FindAsync(c, code) is not { } department)
            return TypedResults.NotFound();
        // A department's inbox is its own handlers' and, like a unit's queue, that of the staff of its unit and above.
        var caller = Caller.Of(http);
        if (caller.Department != code && !await Jurisdiction.CoversAsync(c, caller, department.UnitCode)) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var yellowFraction = (await policies.CurrentAsync(c)).YellowFraction;
        var items = new List<InboxItem>();
        foreach (var e in await DepartmentPartStore.InboxAsync(c, code, limit ?? 500))
        {
            var due = e.Part.Role == DepartmentRole.Lead ? e.CaseDueAt : e.Part.DueAt;
            var yellowAt = e.Part.CalledInAt + (due - e.Part.CalledInAt) * Math.Clamp(yellowFraction, 0, 1);
            items.Add(new InboxItem(e.Part.IncidentId, e.Category, e.Grade, e.Tier, e.UnitCode, e.PlaceCode, e.Part.Role, due, now >= due,
                AssignmentClock.Warning(now, yellowAt, due), e.Part.CalledInAt, e.Part.CheckedInAt, e.Part.CheckedInBy, e.Part.LastFeedbackAt,
                e.Part.FeedbackCount, e.CaseDueAt, e.CaseStatus));
        }
        return TypedResults.Ok<IReadOnlyList<InboxItem>>(items.OrderByDescending(i => i.Overdue).ThenBy(i => i.DueAt).ToList());
    }

    private static async Task<Results<Ok<DepartmentPart>, ValidationProblem, NotFound, ProblemHttpResult>> CheckIn(
        Guid incidentId, string departmentCode, UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http)
    {
        var by = Actor.Of(http);
        var code = DepartmentCopyStore.Normalise(departmentCode) ?? departmentCode;
        if (!SpeaksFor(http, code)) return NotYourDepartment();
        return DispatchModule.Answers.Ok(await AssignmentActions.RunAsync(runner, http, incidentId, (uow, a) =>
            DepartmentCalls.CheckInAsync(uow, a, code, by)));
    }

    private static async Task<Results<Ok<DepartmentPart>, ValidationProblem, NotFound, ProblemHttpResult>> Feedback(
        Guid incidentId, string departmentCode, FeedbackRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http)
    {
        var errors = new FieldErrors().Require("note", body?.Note, 1000);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        var code = DepartmentCopyStore.Normalise(departmentCode) ?? departmentCode;
        if (!SpeaksFor(http, code)) return NotYourDepartment();
        return DispatchModule.Answers.Ok(await AssignmentActions.RunAsync(runner, http, incidentId, (uow, a) =>
            DepartmentCalls.FeedbackAsync(uow, a, code, body!.Note!.Trim(), body.Finished ?? false, by)));
    }

    /// <summary>A department handler checks in and feeds back for his own department only.</summary>
    private static bool SpeaksFor(HttpContext http, string departmentCode) =>
        Caller.Of(http) is var caller && (caller.Unrestricted || caller.Department == departmentCode);

    private static ProblemHttpResult NotYourDepartment() =>
        Answers.Forbidden(DispatchTexts.OwnDepartmentOnly);
}
