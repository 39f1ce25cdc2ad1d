using Governance.Incidents.Permissions;

namespace Governance.Incidents.Handling;

// Dispatch's steps that change no assignment — shown above, urged, a department's check-in and
// feedback — written on the timeline with the person (or system:<job>) who took them.
public static partial class AssignmentUpdates
{
    /// <summary>A grade I or II case shown to the tiers above its place: one entry per unit told.</summary>
    public static async Task NotifiedAboveAsync(UnitOfWork<IncidentsDatabase> uow, IncidentNotifiedAbove m)
    {
        await RequireAsync(uow, m.IncidentId);
        foreach (var unit in m.Units)
            TimelineStore.Add(uow, m.IncidentId, TimelineEntry.Coded(m.At, m.By,
                TimelineAction.NotifiedAbove, unit.Tier, unit.UnitCode, TimelineReasons.Notified(Infrastructure.Hosting.Codes.Of(m.Grade))));
    }

    /// <summary>催办 against the holder.</summary>
    public static Task UrgedAsync(UnitOfWork<IncidentsDatabase> uow, IncidentUrged m) =>
        AddAsync(uow, m.IncidentId, new TimelineEntry(m.At, m.By, TimelineAction.Urged, m.Tier, m.HandlingUnitCode, m.Note));

    /// <summary>报到 of a department called in; the reason names the department.</summary>
    public static Task DepartmentCheckedInAsync(UnitOfWork<IncidentsDatabase> uow, DepartmentCheckedIn m) =>
        AddAsync(uow, m.IncidentId, TimelineEntry.Coded(m.At, m.By, TimelineAction.DepartmentCheckedIn, m.Tier, m.HandlingUnitCode, TimelineReasons.Department(m.DepartmentCode)));

    /// <summary>A department's feedback, or its last one (its part finished): "department: note", marked late after its own deadline.</summary>
    public static async Task DepartmentFedBackAsync(UnitOfWork<IncidentsDatabase> uow, DepartmentFedBack m)
    {
        await AddAsync(uow, m.IncidentId, TimelineEntry.Coded(m.At, m.By, m.Finished ? TimelineAction.DepartmentFinished : TimelineAction.DepartmentFeedback,
            m.Tier, m.HandlingUnitCode, TimelineReasons.Department(m.DepartmentCode, m.Late, m.Note)));
        if (m.Finished) await CaseAuthorityStore.FinishDepartmentAsync(uow, m.IncidentId, m.DepartmentCode);
    }

    private static async Task AddAsync(UnitOfWork<IncidentsDatabase> uow, Guid incidentId, TimelineEntry entry)
    {
        await RequireAsync(uow, incidentId);
        TimelineStore.Add(uow, incidentId, entry);
    }
}
