using Governance.Dispatch.Handling;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.UnitCopy;
using Governance.Dispatch.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>
/// The township command centre's desk (镇街基层治理指挥中心) and the county's levers: the queue,
/// assigning departments (吹哨报到), sending back to the village, escalating, pulling up (提级) and
/// supervising (督办). Every step records the caller as its actor.
/// </summary>
public static class CommandCentreApi
{
    public sealed record CoHandlerRequest(string? Department, string? Deadline);
    public sealed record DepartmentsRequest(string? Lead, IReadOnlyList<CoHandlerRequest>? CoHandlers);
    public sealed record ReasonRequest(string? Reason);

    public static void MapCommandCentreApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/command-centres/{unitCode}/queue", GetQueue).WithSummary("A command centre's queue (the board)");
        var assignment = routes.MapGroup("/dispatch/assignments/{incidentId:guid}");
        assignment.MapPost("/departments", AssignDepartments).WithSummary("Call in departments on a case (吹哨)").Performs(CaseAction.CallInDepartments);
        assignment.MapPost("/send-back", SendBack).WithSummary("Send a case back down (退回)").Performs(CaseAction.SendBack);
        assignment.MapPost("/escalate", Escalate).WithSummary("Move a case up one tier (升级)").Performs(CaseAction.MoveUp);
        assignment.MapPost("/pull-up", PullUp).WithSummary("Take a case over to the caller's tier (提级)").Performs(CaseAction.PullUp);
        assignment.MapPost("/supervise", Supervise).WithSummary("Supervise a case (督办)").Performs(CaseAction.Supervise);
    }

    /// <summary>One page of a unit's board, as a work list's bucket: <c>total</c> cases on it now, <c>items</c> from
    /// <c>offset</c> on, <c>next</c> the page after (null: this is the last).</summary>
    public sealed record QueuePage(long Total, int Offset, IReadOnlyList<QueueItem> Items, string? Next);

    /// <summary>A unit's board: the cases it handles now and those shown to it from below (see
    /// <see cref="BoardQueue"/>), most urgent first, a page at a time. A unit outside the caller's is 403 (units
    /// are no secret; the dashboard answers so too), a code no unit has 404.</summary>
    /// <param name="limit">Cases per page, 1–500 (100).</param>
    /// <param name="offset">How many cases of the board come before the page.</param>
    /// <param name="category">Only cases of this category (a code).</param>
    /// <param name="grade">Only cases of this grade (I–IV).</param>
    /// <param name="accepted">Only cases the holder acknowledged (签收, true), or not yet (false).</param>
    private static async Task<Results<Ok<QueuePage>, ValidationProblem, NotFound, ProblemHttpResult>> GetQueue(
        DispatchDatabase db, TimeProvider time, HttpContext http, string unitCode, int? limit, int? offset,
        string? category, string? grade, bool? accepted)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > 500) errors.Add("limit", ProblemTexts.Between("limit", 1, 500));
        errors.Offset(offset);
        var filter = new BoardFilter(Code<Category>("category", category, errors), Code<Grade>("grade", grade, errors), accepted);
        await using var c = await db.OpenReadAsync();
        switch (await Jurisdiction.ReachAsync(c, Caller.Of(http), unitCode))
        {
            case Jurisdiction.UnitReach.Unknown: return TypedResults.NotFound();
            case Jurisdiction.UnitReach.Outside: return Jurisdiction.OutsideProblem();
        }
        if (errors.Any) return errors.ToProblem();
        var (take, skip, now) = (limit ?? 100, offset ?? 0, time.GetUtcNow());
        var total = await AssignmentStore.CountQueueAsync(c, unitCode, filter);
        var cases = await AssignmentStore.QueueAsync(c, unitCode, now, take, skip, filter);
        var notes = await BoardNoteStore.LiveForUnitAsync(c, unitCode);
        // The next page is of the same narrowed board.
        var narrowed = string.Concat(new[] { ("category", category), ("grade", grade), ("accepted", accepted is { } a ? (a ? "true" : "false") : null) }
            .Where(p => p.Item2 is not null).Select(p => $"&{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        var next = skip + take < total
            ? $"/dispatch/command-centres/{Uri.EscapeDataString(unitCode)}/queue?limit={take}&offset={skip + take}{narrowed}" : null;
        return TypedResults.Ok(new QueuePage(total, skip, BoardQueue.Compose(unitCode, cases, notes, now), next));
    }

    /// <summary>A code of <typeparamref name="T"/>, or null when none was given; an unknown one is named in the errors.</summary>
    private static T? Code<T>(string field, string? value, FieldErrors errors) where T : struct, Enum
    {
        if (value is null) return null;
        if (Codes.TryParse<T>(value, out var code)) return code;
        errors.Add(field, ProblemTexts.OneOf(field, Codes.List<T>()));
        return null;
    }

    /// <summary>吹哨报到: a lead department and co-handlers, each a department Dispatch knows (its id in
    /// Grids) and not retired.</summary>
    private static async Task<Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>> AssignDepartments(
        Guid incidentId, DepartmentsRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, DispatchDatabase db,
        DepartmentCalls departments, HttpContext http)
    {
        var errors = new FieldErrors().Require("lead", body?.Lead, 64);
        var coHandlers = body?.CoHandlers ?? [];
        if (coHandlers.Count > 20) errors.Add("coHandlers", DispatchTexts.CoHandlersAtMost20);
        var lead = DepartmentCopyStore.Normalise(body?.Lead);
        var calls = new List<DepartmentCalls.CoHandlerCall>();
        for (var i = 0; i < coHandlers.Count && i < 20; i++)
        {
            errors.Require($"coHandlers[{i}].department", coHandlers[i]?.Department, 64);
            var code = DepartmentCopyStore.Normalise(coHandlers[i]?.Department);
            if (!Duration.TryParse(coHandlers[i]?.Deadline, out var deadline))
                errors.Add($"coHandlers[{i}].deadline", DispatchTexts.DeadlineDuration);
            else if (code is not null && code == lead)
                errors.Add($"coHandlers[{i}].department", DispatchTexts.LeadNotCoHandler);
            else if (code is not null && calls.Any(h => h.DepartmentCode == code))
                errors.Add($"coHandlers[{i}].department", DispatchTexts.CalledInOnce);
            if (code is not null) calls.Add(new DepartmentCalls.CoHandlerCall(code, deadline));
        }
        if (!errors.Any) await CheckDepartmentsKnownAsync(db, errors, incidentId, lead, body!.Lead, coHandlers);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        return await AssignmentActions.ActAsync(runner, http, incidentId, async (uow, a) =>
        {
            await departments.AssignAsync(uow, a, lead!, calls, by);
            return new Outcome<Assignment>.Done(a);
        });
    }

    /// <summary>Each department must be known, not retired, and of the place's own township or the county
    /// (属地管理): found trying it from outside, a township called in a sibling township's police station,
    /// which then held and closed a case outside its township.</summary>
    private static async Task CheckDepartmentsKnownAsync(DispatchDatabase db, FieldErrors errors, Guid incidentId, string? lead, string? leadText,
        IReadOnlyList<CoHandlerRequest?> coHandlers)
    {
        await using var c = await db.OpenReadAsync();
        var place = await AssignmentStore.FindAsync(c, incidentId) is { } assignment
            ? (await UnitCopyStore.ChainAsync(c, assignment.PlaceCode)).Select(u => u.Code).ToHashSet()
            : null; // no such case: the action answers 404
        async Task CheckAsync(string field, string? code, string? text)
        {
            var department = code is null ? null : await DepartmentCopyStore.FindAsync(c, code);
            if (department is null)
                errors.Add(field, DispatchTexts.NotADepartment(field, text));
            else if (department.Retired)
                errors.Add(field, DispatchTexts.DepartmentRetired(field, department.NameZh));
            else if (place is not null && !place.Contains(department.UnitCode))
                errors.Add(field, DispatchTexts.DepartmentOutside(field, department.NameZh, department.UnitCode));
        }
        await CheckAsync("lead", lead, leadText);
        for (var i = 0; i < coHandlers.Count; i++)
            await CheckAsync($"coHandlers[{i}].department", DepartmentCopyStore.Normalise(coHandlers[i]?.Department), coHandlers[i]?.Department);
    }

    private static async Task<Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>> SendBack(
        Guid incidentId, ReasonRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator, HttpContext http)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        return await AssignmentActions.ActAsync(runner, http, incidentId, async (uow, a) =>
        {
            if (a.Tier is not (Tier.Township or Tier.County)) return new Outcome<Assignment>.Conflict(DispatchTexts.OnlyTownshipOrCountySentDown);
            await escalator.SendBackAsync(uow, a, a.Tier == Tier.County ? Tier.Township : Tier.Village, body!.Reason!.Trim(), by);
            return new Outcome<Assignment>.Done(a);
        });
    }

    private static async Task<Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>> Escalate(
        Guid incidentId, ReasonRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator, HttpContext http)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        return await AssignmentActions.ActAsync(runner, http, incidentId, async (uow, a) =>
        {
            if (a.Tier == Tier.County) return new Outcome<Assignment>.Conflict(DispatchTexts.CountyIsTop);
            await escalator.EscalateAsync(uow, a, EscalationReason.HandlerRequested, body!.Reason!.Trim(), by);
            return new Outcome<Assignment>.Done(a);
        });
    }

    private static async Task<Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>> PullUp(
        Guid incidentId, ReasonRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator, HttpContext http)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (errors.Any) return errors.ToProblem();
        var caller = Caller.Of(http);
        // 提级 takes the case to the caller's own tier: the township over its villages, the county over all.
        var to = caller.Unrestricted || caller.Roles.Any(r => r is Roles.CountySupervisor or Roles.CountyDispatcher) ? Tier.County : Tier.Township;
        return await AssignmentActions.ActAsync(runner, http, incidentId, async (uow, a) =>
        {
            if (a.Tier >= to) return new Outcome<Assignment>.Conflict(DispatchTexts.AlreadyOnTier(Codes.Of(a.Tier)));
            await escalator.MoveUpToAsync(uow, a, to, to == Tier.County ? EscalationReason.CountyPulledUp : EscalationReason.TownshipPulledUp,
                body!.Reason!.Trim(), caller.Id);
            return new Outcome<Assignment>.Done(a);
        });
    }

    private static async Task<Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>> Supervise(
        Guid incidentId, ReasonRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        return await AssignmentActions.ActAsync(runner, http, incidentId, async (uow, a) =>
        {
            await Supervision.SuperviseAsync(uow, a, body!.Reason!.Trim(), by);
            return new Outcome<Assignment>.Done(a);
        });
    }
}
