using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Handling;
using Governance.Dispatch.Model;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Messaging;
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
/// supervising (督办).
/// </summary>
public static class CommandCentreApi
{
    public sealed record QueueItem(Guid IncidentId, Category Category, Grade Grade, Tier Tier, string UnitCode, string PlaceCode,
        DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset? AcknowledgeBy, DateTimeOffset? AcceptedAt,
        WarningLevel? Warning, string Status, string? LeadDepartmentCode, DateTimeOffset? SupervisedAt);

    public sealed record CoHandlerRequest(string? Department, string? Deadline);
    public sealed record DepartmentsRequest(string? Lead, IReadOnlyList<CoHandlerRequest>? CoHandlers);
    public sealed record ReasonRequest(string? Reason);

    public static void MapCommandCentreApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/command-centres/{unitCode}/queue", GetQueue);
        var assignment = routes.MapGroup("/dispatch/assignments/{incidentId:guid}");
        assignment.MapPost("/departments", AssignDepartments).Performs(CaseAction.CallInDepartments);
        assignment.MapPost("/send-back", SendBack).Performs(CaseAction.SendBack);
        assignment.MapPost("/escalate", Escalate).Performs(CaseAction.MoveUp);
        assignment.MapPost("/pull-up", PullUp).Performs(CaseAction.PullUp);
        assignment.MapPost("/supervise", Supervise).Performs(CaseAction.Supervise);
    }

    /// <summary>The cases a unit handles now, most urgent first: red, then yellow, then by grade
    /// (I before IV), then by due time.</summary>
    private static async Task<Results<Ok<IReadOnlyList<QueueItem>>, ValidationProblem, NotFound>> GetQueue(
        DispatchDatabase db, TimeProvider time, HttpContext http, string unitCode, int? limit)
    {
        if (limit is < 1 or > 1000) return new FieldErrors().Add("limit", "limit must be between 1 and 1000.").ToProblem();
        await using var c = await db.OpenAsync();
        if (!await Jurisdiction.CoversAsync(c, db.Provider, Caller.Of(http), unitCode)) return TypedResults.NotFound();
        var now = time.GetUtcNow();
        var items = (await AssignmentStore.QueueAsync(c, db.Provider, unitCode, limit ?? 500))
            .Select(a => new QueueItem(a.IncidentId, a.Category, a.Grade, a.Tier, a.UnitCode, a.PlaceCode, a.StartedAt, a.DueAt,
                a.AcknowledgeBy, a.AcceptedAt, a.Status == AssignmentStatus.Overdue ? WarningLevel.Red : AssignmentClock.Warning(now, a.YellowAt, a.DueAt),
                a.Status, a.LeadDepartmentCode, a.SupervisedAt))
            .OrderByDescending(i => i.Warning switch { WarningLevel.Red => 2, WarningLevel.Yellow => 1, _ => 0 })
            .ThenBy(i => (int)i.Grade).ThenBy(i => i.DueAt)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<QueueItem>>(items);
    }

    private static async Task<Results<Ok, NotFound, ValidationProblem, ProblemHttpResult>> AssignDepartments(
        Guid incidentId, DepartmentsRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, PolicyStore policies,
        CalendarStore calendars, HttpContext http)
    {
        var errors = new FieldErrors().Require("lead", body?.Lead, 64);
        var coHandlers = body?.CoHandlers ?? [];
        if (coHandlers.Count > 20) errors.Add("coHandlers", "coHandlers may list at most 20 departments.");
        for (var i = 0; i < coHandlers.Count && i < 20; i++)
        {
            errors.Require($"coHandlers[{i}].department", coHandlers[i]?.Department, 64);
            if (!Duration.TryParse(coHandlers[i]?.Deadline, out _))
                errors.Add($"coHandlers[{i}].deadline", "deadline must be a duration such as \"2d\" or \"8h\".");
            else if (coHandlers[i]!.Department == body!.Lead)
                errors.Add($"coHandlers[{i}].department", "The lead department is not also a co-handler.");
        }
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        return await ActAsync(runner, incidentId, async (uow, a) =>
        {
            var policy = await policies.VersionAsync(uow.Connection, a.PolicyVersion, uow.Transaction);
            var calendar = await calendars.CurrentAsync(uow.Connection, uow.Transaction);
            var called = coHandlers.Select(h =>
            {
                Duration.TryParse(h.Deadline, out var deadline);
                return new DepartmentAssignment(h.Department!, calendar.DueAt(uow.Now, deadline, policy.Clock));
            }).ToList();
            await AssignmentStore.UpdateAsync(uow.Connection, uow.Transaction, a with { LeadDepartmentCode = body!.Lead }, uow.Now);
            await AssignmentStore.ReplaceCoHandlersAsync(uow.Connection, uow.Transaction, incidentId, called, uow.Now);
            await uow.PublishAsync(new IncidentDepartmentsAssigned(incidentId, body.Lead!, called, by, uow.Now));
            return null;
        });
    }

    private static async Task<Results<Ok, NotFound, ValidationProblem, ProblemHttpResult>> SendBack(
        Guid incidentId, ReasonRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator, HttpContext http)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        return await ActAsync(runner, incidentId, async (uow, a) =>
        {
            if (a.Tier != Tier.Township) return "Only a case on the township tier can be sent back to its village.";
            await escalator.ReturnToVillageAsync(uow, a, body!.Reason!.Trim(), by);
            return null;
        });
    }

    private static async Task<Results<Ok, NotFound, ValidationProblem, ProblemHttpResult>> Escalate(
        Guid incidentId, ReasonRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (errors.Any) return errors.ToProblem();
        return await ActAsync(runner, incidentId, async (uow, a) =>
        {
            if (a.Tier == Tier.County) return "The county is the top tier: a county case cannot be escalated further.";
            await escalator.EscalateAsync(uow, a, EscalationReason.HandlerRequested, body!.Reason!.Trim());
            return null;
        });
    }

    private static async Task<Results<Ok, NotFound, ValidationProblem, ProblemHttpResult>> PullUp(
        Guid incidentId, ReasonRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (errors.Any) return errors.ToProblem();
        return await ActAsync(runner, incidentId, async (uow, a) =>
        {
            if (a.Tier == Tier.County) return "The case is already on the county tier.";
            await escalator.MoveUpToAsync(uow, a, Tier.County, EscalationReason.CountyPulledUp, body!.Reason!.Trim());
            return null;
        });
    }

    private static async Task<Results<Ok, NotFound, ValidationProblem, ProblemHttpResult>> Supervise(
        Guid incidentId, ReasonRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        return await ActAsync(runner, incidentId, async (uow, a) =>
        {
            await AssignmentStore.UpdateAsync(uow.Connection, uow.Transaction, a with { SupervisedAt = uow.Now }, uow.Now);
            await uow.PublishAsync(new IncidentSupervised(incidentId, by, body!.Reason!.Trim(), uow.Now));
            return null;
        });
    }

    /// <summary>Runs an action on an open assignment; the action returns why it refuses, or null.</summary>
    private static async Task<Results<Ok, NotFound, ValidationProblem, ProblemHttpResult>> ActAsync(
        UnitOfWorkRunner<DispatchDatabase> runner, Guid incidentId, Func<UnitOfWork<DispatchDatabase>, Assignment, Task<string?>> action)
    {
        var (found, refusal) = await runner.RunAsync(async uow =>
        {
            var assignment = await AssignmentStore.FindAsync(uow.Connection, incidentId, uow.Transaction);
            if (assignment is null) return (false, (string?)null);
            if (assignment.Status is not (AssignmentStatus.Active or AssignmentStatus.Overdue))
                return (true, $"The case is {assignment.Status}: only open cases can be dispatched.");
            return (true, await action(uow, assignment));
        });
        if (!found) return TypedResults.NotFound();
        return refusal is null
            ? TypedResults.Ok()
            : TypedResults.Problem(refusal, statusCode: StatusCodes.Status409Conflict, title: "Not allowed for this case now");
    }
}
