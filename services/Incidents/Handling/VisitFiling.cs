using Governance.Infrastructure.Authority;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Incidents.Handling;

/// <summary>
/// A case a visit found, filed from Grids' message (a care visit, a leader's visit) through the same
/// Filing as the API. Grids chose the case's id, so a message seen again (redelivered, or republished
/// under another message id) finds the case and files nothing; Grids checked who may file there.
/// </summary>
public static class VisitFiling
{
    /// <param name="what">The visit, for the log and a message that cannot be filed.</param>
    /// <param name="reader">Who the duplicate hint may name cases to (what the filer may read).</param>
    public static async Task FileAsync(UnitOfWork<IncidentsDatabase> uow, Guid incidentId, FileIncident command, string reportedBy, string what,
        DuplicateOptions duplicates, Func<Filing.Validated, Person?> reader)
    {
        if (await IncidentStore.FindAsync(uow, incidentId) is not null) return;
        // A unit created just before the visit may not have reached this copy yet: retried until it has.
        if (await UnitCopyStore.FindAsync(uow, command.UnitCode!) is null)
            throw new ArrivedTooEarlyException($"{what}: unit {command.UnitCode} is not in the unit copy yet");
        var errors = new FieldErrors();
        var filing = await Filing.ValidateAsync(uow, command, errors);
        if (filing is null)
            throw new PermanentMessageException($"{what} cannot be filed: " +
                string.Join("; ", errors.ToProblem().ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        await Filing.FileAsync(uow, incidentId, filing, reportedBy, null, duplicates, reader(filing));
    }
}
