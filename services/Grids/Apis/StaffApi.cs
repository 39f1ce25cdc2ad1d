using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>Who an account is, as the pages name the people on a case's timeline.</summary>
public sealed record StaffName(string Id, string Name, string Role);

/// <summary>A password an administrator set, shown once: its holder must replace it at his first sign-in.</summary>
public sealed record OneTimePassword(string StaffId, string Password, bool MustChange);

/// <summary>A person with all their duty periods, as GET /grids/staff/{id} shows them.</summary>
public sealed record StaffDetail(StaffMember Person, IReadOnlyList<DutyAssignment> Duties);

/// <summary>People: who they are, their home unit and role. Phones and ID numbers are returned as
/// stored for now; issue #6 masks them for callers who need not see them.</summary>
public static class StaffApi
{
    public static void MapStaffApi(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/grids/staff");
        staff.MapGet("", ListStaff).WithSummary("List staff");
        staff.MapGet("/names", Names).WithSummary("Names and roles of up to 200 accounts");
        // The county administrator anywhere; a township dispatcher below his township, inside it.
        staff.MapPost("", Register).WithSummary("Register a staff member").Performs(UnitAction.ChangeStaff, At.Body<RegisterStaffRequest>(r => r.UnitCode));
        staff.MapGet("/{id}", GetStaff).WithSummary("Read a staff member");
        // The person's home unit is known once he is read: the handler checks it.
        staff.MapPatch("/{id}", Update).WithSummary("Change a staff member's role, unit or contact").Performs(UnitAction.ChangeStaff, At.UnitsTheHandlerReads);
        staff.MapPost("/{id}/leave", Leave).WithSummary("A staff member leaves (his sessions end)").Performs(UnitAction.ChangeStaff, At.UnitsTheHandlerReads);
        staff.MapPost("/{id}/password", ResetPassword).WithSummary("Reset a staff member's password: a one-time password, his sessions end")
            .Performs(UnitAction.ChangeStaff, At.UnitsTheHandlerReads);
    }

    /// <summary>role=grid-worker (the first release's code) lists full- and part-time grid workers.</summary>
    private static async Task<Results<Ok<IReadOnlyList<StaffMember>>, ValidationProblem>> ListStaff(
        GridsDatabase db, HttpContext http, string? unitCode, string? role, int? limit, int? offset)
    {
        var errors = new FieldErrors();
        if (role is not null && role != StaffRoles.LegacyGridWorker && StaffRoles.Normalise(role) is null)
            errors.Add("role", ProblemTexts.OneOf("role", StaffRoles.List()));
        errors.Optional("unitCode", unitCode, UnitChanges.MaxCodeLength);
        if (limit is < 1 or > 5000) errors.Add("limit", ProblemTexts.Between("limit", 1, 5000));
        if (offset is < 0) errors.Add("offset", GridsTexts.OffsetNotNegative);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        // The page is cut from what the caller may see, not from everyone (PersonalData would leave
        // out the rest of the page afterwards).
        return TypedResults.Ok(await PersonalData.For(http).ShowAsync(await StaffStore.ListAsync(c, unitCode,
            role is null ? null : StaffRoles.Matching(role), PersonalData.Within(http), limit ?? 1000, offset ?? 0)));
    }

    /// <summary>
    /// GET /grids/staff/names?ids=a,b: the names and roles of up to 200 accounts, for any signed-in user.
    /// A case's timeline records who acted by account id; the pages show people by name. Names and
    /// roles of public servants acting on a case are not the personal data the masking protects (no
    /// phone, no ID number here). Unknown ids are left out.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<StaffName>>, ValidationProblem>> Names(GridsDatabase db, string? ids)
    {
        var wanted = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (wanted.Count is 0 or > 200 || wanted.Any(id => id.Length > 100))
            return new FieldErrors().Add("ids", GridsTexts.IdsList).ToProblem();
        await using var c = await db.OpenReadAsync();
        var found = await StaffStore.FindManyAsync(c, wanted);
        return TypedResults.Ok<IReadOnlyList<StaffName>>(wanted.Where(found.ContainsKey).Select(id => new StaffName(id, found[id].Name, found[id].Role)).ToList());
    }

    private static async Task<Results<Ok<StaffDetail>, NotFound>> GetStaff(GridsDatabase db, HttpContext http, string id)
    {
        await using var c = await db.OpenReadAsync();
        if (await StaffStore.FindAsync(c, id) is not { } found) return TypedResults.NotFound();
        var duties = (await StaffStore.DutiesOfAsync(c, [id]))[id].ToList();
        if ((await PersonalData.For(http).ShowAsync([found])).SingleOrDefault() is not { } shown) return TypedResults.NotFound();
        return TypedResults.Ok(new StaffDetail(shown, duties));

    }

    /// <summary>Registers a person and puts them on duty at their unit (from dutyFrom, else now).</summary>
    private static async Task<Results<Created<StaffMember>, ValidationProblem, NotFound, ProblemHttpResult>> Register(
        RegisterStaffRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Created(await runner.RunAsync(uow => StaffChanges.RegisterAsync(uow, body?.ToCommand(), Actor.Of(http))), s => $"/grids/staff/{s.Id}");

    private static async Task<Results<Ok<StaffMember>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        string id, UpdateStaffRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => StaffChanges.UpdateAsync(uow, id, body?.ToCommand(), Reach.Of(http, UnitAction.ChangeStaff))));

    /// <summary>重置密码: a random one-time password, shown this once (never stored but as a hash, never cached),
    /// which the person replaces at his first sign-in (docs/sessions.md, "Passwords"). Hashed before the
    /// change begins: the hash costs tens of milliseconds, and no transaction should wait on it.</summary>
    private static async Task<Results<Ok<OneTimePassword>, ValidationProblem, NotFound, ProblemHttpResult>> ResetPassword(
        string id, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http)
    {
        var password = PasswordRules.OneTime();
        var hash = PasswordHashing.Hash(password);
        http.Response.Headers.CacheControl = "no-store";
        return GridsModule.Answers.Ok((await runner.RunAsync(uow => PasswordSignIn.ResetAsync(uow, id, hash, Reach.Of(http, UnitAction.ChangeStaff), Actor.Of(http))))
            .Map(s => new OneTimePassword(s.Id, password, MustChange: true)));
    }

    private static async Task<Results<Ok<StaffMember>, ValidationProblem, NotFound, ProblemHttpResult>> Leave(
        string id, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => StaffChanges.LeaveAsync(uow, id, Reach.Of(http, UnitAction.ChangeStaff))));
}
