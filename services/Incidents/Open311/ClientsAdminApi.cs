using Governance.Incidents.Handling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Governance.Infrastructure.Authority;

namespace Governance.Incidents.Open311;

/// <param name="MayReadDetails">Whether the key reads requests whole in GET requests (default: the public fields only).</param>
public sealed record IssueClientRequest(string? Name, bool? MayReadDetails = null);

public sealed record ChangeClientRequest(bool? MayReadDetails);

/// <summary>A newly issued key: shown in this answer only, never again (only its hash is kept).</summary>
public sealed record IssuedClient(Guid Id, string Name, string ApiKey, DateTimeOffset CreatedAt, bool MayReadDetails);

/// <summary>
/// Issuing and revoking the API keys of client systems (the 12345 hotline, apps), in our own JSON
/// style. Only county administrators (signed-in, role county-administrator) may do it.
/// </summary>
public static class ClientsAdminApi
{
    public const int MaxNameLength = 80;

    public static void MapOpen311ClientsAdmin(this IEndpointRouteBuilder routes)
    {
        // Issuing keys to hotline and app systems is the county administrator's job.
        var clients = routes.MapGroup("/open311/admin/clients");
        clients.MapPost("", Issue).WithSummary("Issue an Open311 API key to a client system").PerformsCountyWide(UnitAction.ChangeSettings);
        clients.MapGet("", List).WithSummary("List the Open311 client systems").PerformsCountyWide(UnitAction.ReadSettings);
        clients.MapPatch("/{id:guid}", Change).WithSummary("Change what a client system's key may read").PerformsCountyWide(UnitAction.ChangeSettings);
        clients.MapDelete("/{id:guid}", Revoke).WithSummary("Revoke a client system's API key").PerformsCountyWide(UnitAction.ChangeSettings);
    }

    private static async Task<Results<Created<IssuedClient>, ValidationProblem, ProblemHttpResult>> Issue(
        IssueClientRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, TimeProvider time)
    {
        var errors = new FieldErrors().Require("name", body?.Name, MaxNameLength);
        // A client system's name is shown to operators and in logs: letters, digits, spaces and . _ - ( ) only.
        if (!errors.Any && !System.Text.RegularExpressions.Regex.IsMatch(body!.Name!.Trim(), @"^[\p{L}\p{N} ._()\-]+$"))
            errors.Add("name", IncidentsTexts.ClientNameCharacters);
        if (errors.Any) return errors.ToProblem();
        var name = body!.Name!.Trim();
        var key = ApiKeys.Issue();
        var client = new Open311Client(Guid.CreateVersion7(), name, Now(time), null, body.MayReadDetails ?? false);
        var issued = await runner.RunAsync(async uow =>
        {
            if (await ClientStore.ActiveNameExistsAsync(uow, name)) return false;
            await ClientStore.InsertAsync(uow, client, ApiKeys.Hash(key));
            return true;
        });
        if (!issued)
            return TypedResults.Problem(IncidentsTexts.ClientNameInUse(name),
                statusCode: StatusCodes.Status409Conflict, title: IncidentsTexts.ClientNameInUseTitle);
        return TypedResults.Created($"/open311/admin/clients/{client.Id}", new IssuedClient(client.Id, name, key, client.CreatedAt, client.MayReadDetails));
    }

    private static async Task<Ok<IReadOnlyList<Open311Client>>> List(IncidentsDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        // Settings are read by county supervisors too: a callback URL's credentials and query tokens are masked.
        return TypedResults.Ok((await ClientStore.ListAsync(c))
            .Select(client => client with { CallbackUrl = client.CallbackUrl is { } url ? Infrastructure.Webhooks.WebhookUrls.Mask(url) : null })
            .ToList() as IReadOnlyList<Open311Client>);
    }

    /// <summary>Lets a client system's key read requests whole in GET requests, or only their public fields.</summary>
    private static async Task<Results<Ok<Open311Client>, NotFound, ValidationProblem>> Change(Guid id, ChangeClientRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner)
    {
        if (body?.MayReadDetails is not { } mayReadDetails)
            return new FieldErrors().Add("mayReadDetails", IncidentsTexts.MayReadDetailsRequired).ToProblem();
        var changed = await runner.RunAsync(async uow =>
        {
            if (await ClientStore.FindAsync(uow, id) is null) return null;
            await ClientStore.SetMayReadDetailsAsync(uow, id, mayReadDetails);
            return await ClientStore.FindAsync(uow, id);
        });
        return changed is null ? TypedResults.NotFound() : TypedResults.Ok(changed);
    }

    /// <summary>Revokes the client's key at once; revoking twice is harmless.</summary>
    private static async Task<Results<NoContent, NotFound>> Revoke(Guid id, UnitOfWorkRunner<IncidentsDatabase> runner, TimeProvider time)
    {
        var found = await runner.RunAsync(async uow =>
        {
            if (await ClientStore.FindAsync(uow, id) is null) return false;
            await ClientStore.RevokeAsync(uow, id, Now(time));
            return true;
        });
        return found ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static DateTimeOffset Now(TimeProvider time) => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
}
