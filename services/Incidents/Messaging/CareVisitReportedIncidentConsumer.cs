using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Handling;
using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Incidents.Messaging;

/// <summary>
/// A grid worker's visit to a care subject found a problem: file it as a case at the subject's
/// courtyard, through the same Filing as the API. Grids chose the case's id, so a message seen
/// again (redelivered, or republished under another message id) finds the case and files nothing.
/// </summary>
public sealed class CareVisitReportedIncidentConsumer(UnitOfWorkRunner<IncidentsDatabase> runner,
    Microsoft.Extensions.Options.IOptions<DuplicateOptions> duplicates)
    : TransactionalConsumer<IncidentsDatabase, CareVisitReportedIncident>(runner)
{
    protected override async Task HandleAsync(CareVisitReportedIncident message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct)
    {
        if (await IncidentStore.FindAsync(uow, message.IncidentId) is not null) return;
        // A courtyard created just before the visit may not have reached this copy yet: retried until it has.
        if (await UnitCopyStore.FindAsync(uow, message.CourtyardCode) is null)
            throw new ArrivedTooEarlyException($"Care visit {message.VisitId}: courtyard {message.CourtyardCode} is not in the unit copy yet");

        var errors = new FieldErrors();
        var filing = await Filing.ValidateAsync(uow,
            new FileIncident(message.CourtyardCode, message.Category, message.Grade, message.Title, message.Description, Location: null), errors);
        if (filing is null)
            throw new PermanentMessageException($"Care visit {message.VisitId} cannot be filed: " +
                string.Join("; ", errors.ToProblem().ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        await Filing.FileAsync(uow, message.IncidentId, filing, message.ReportedBy, null, duplicates.Value,
            Filing.Readers.GridWorker(message.ReportedBy, filing));
    }
}
