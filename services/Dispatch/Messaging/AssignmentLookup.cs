namespace Governance.Dispatch.Messaging;

internal static class AssignmentLookup
{
    /// <summary>The case's assignment; if its filing has not been routed yet, the message is
    /// retried (a grid worker can resolve on the spot before routing finishes).</summary>
    public static async Task<Assignment> RequireAsync(UnitOfWork<DispatchDatabase> uow, Guid incidentId) =>
        await AssignmentStore.FindAsync(uow, incidentId)
        ?? throw new ArrivedTooEarlyException($"Incident {incidentId} has no assignment yet");
}
