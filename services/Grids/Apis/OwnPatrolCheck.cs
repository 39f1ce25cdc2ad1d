using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grids.Apis;

/// <summary>
/// Whose patrol it is, judged without the body: a track sent to someone else's patrol is refused (403), or to
/// no patrol (404), before anything is said about the points (probe 6 F2: a body that could not be read
/// answered 400 to a stranger first). The handler checks the same again in its transaction.
/// </summary>
public sealed class OwnPatrolCheck : IBodyIndependentCheck
{
    public async ValueTask<IResult?> RefusalAsync(HttpContext http)
    {
        if (!Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var id)) return TypedResults.NotFound();
        await using var session = await http.RequestServices.GetRequiredService<GridsDatabase>().OpenReadAsync(http.RequestAborted);
        var visit = await VisitStore.FindAsync(session, id);
        if (visit is null || visit.Kind != VisitKind.Patrol) return TypedResults.NotFound();
        return visit.PersonId == Actor.Of(http) ? null : Answers.Forbidden(GridsTexts.OnlyPatrolPerson);
    }
}
