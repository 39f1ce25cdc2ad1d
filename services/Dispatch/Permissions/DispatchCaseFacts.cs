using Governance.Infrastructure.Authority;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Permissions;

/// <summary>
/// A case as the permission model sees it from Dispatch: its assignment (place, tier, holding unit,
/// grade, lead department), the departments called in, its reporters and Dispatch's copy of the unit tree.
/// </summary>
public sealed class DispatchCaseFacts(DispatchDatabase db) : ICaseFactsSource
{
    public async Task<CaseFacts?> FactsAsync(Guid caseId, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        if (await AssignmentStore.FindAsync(c, caseId) is not { } assignment) return null;
        var place = await UnitCopyChains<DispatchDatabase>.ChainAsync(c, assignment.PlaceCode);
        var holder = CaseFacts.HolderChainWithin(place, assignment.UnitCode)
            ?? await UnitCopyChains<DispatchDatabase>.ChainAsync(c, assignment.UnitCode);
        var parts = await DepartmentPartStore.ForCaseAsync(c, caseId);
        var lead = assignment.LeadDepartmentCode ?? parts.FirstOrDefault(p => p.Role == DepartmentRole.Lead)?.DepartmentCode;
        var coHandlers = parts.Where(p => p.Role != DepartmentRole.Lead).Select(p => p.DepartmentCode).ToList();
        var reporters = await CaseReporterStore.ListAsync(c, caseId);
        var finished = parts.Where(p => p.Finished).Select(p => p.DepartmentCode).ToList();
        return new CaseFacts(place, assignment.Tier, holder, reporters, assignment.Grade, lead, coHandlers, FinishedDepartments: finished);
    }
}
