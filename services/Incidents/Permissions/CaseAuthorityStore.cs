namespace Governance.Incidents.Permissions;

/// <summary>The departments called in on a case, and a holder's open request to move it up (提请上级):
/// what the permission model needs beyond the case's row (migration 0009).</summary>
public static class CaseAuthorityStore
{
    /// <summary>A request to move a case up, made on the tier and unit that held it. Once the tier above
    /// approved it (<see cref="ApprovedAt"/>), the case is on its way up until Dispatch has moved it.</summary>
    public sealed record MoveUpRequest(Guid IncidentId, string RequestedBy, string Reason, Tier Tier, string UnitCode, DateTimeOffset RequestedAt,
        string? ApprovedBy = null, DateTimeOffset? ApprovedAt = null)
    {
        public bool Approved => ApprovedAt is not null;

        /// <summary>The request if it is about where the case is held now (waiting or approved); one from a tier or
        /// unit the case has left is void. One rule for a case read alone and for a page of cases.</summary>
        public static MoveUpRequest? CurrentFor(MoveUpRequest? request, Incident incident) =>
            request is not null && request.Tier == incident.Tier && request.UnitCode == incident.HandlingUnitCode ? request : null;
    }

    private sealed class RequestRow
    {
        public Guid IncidentId { get; init; }
        public string RequestedBy { get; init; } = default!;
        public string Reason { get; init; } = default!;
        public short Tier { get; init; }
        public string UnitCode { get; init; } = default!;
        public long RequestedAtMs { get; init; }
        public string? ApprovedBy { get; init; }
        public long? ApprovedAtMs { get; init; }

        public MoveUpRequest ToRequest() =>
            new(IncidentId, RequestedBy, Reason, (Tier)Tier, UnitCode, DateTimeOffset.FromUnixTimeMilliseconds(RequestedAtMs),
                ApprovedBy, ApprovedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    /// <summary>Replaces the departments called in: a new call (吹哨) names the lead and co-handlers afresh.</summary>
    public static async Task SetDepartmentsAsync(UnitOfWork uow, Guid incidentId, string lead, IEnumerable<string> coHandlers)
    {
        await uow.ExecuteAsync("DELETE FROM incident_departments WHERE incident_id = @incidentId", new { incidentId });
        var rows = coHandlers.Where(d => d != lead).Distinct().Select(d => new { incidentId, department = d, lead = (short)0 })
            .Prepend(new { incidentId, department = lead, lead = (short)1 });
        await uow.ExecuteAsync(
            "INSERT INTO incident_departments (incident_id, department_code, is_lead) VALUES (@incidentId, @department, @lead)", rows);
    }

    public static Task ClearDepartmentsAsync(UnitOfWork uow, Guid incidentId) =>
        uow.ExecuteAsync("DELETE FROM incident_departments WHERE incident_id = @incidentId", new { incidentId });

    public static Task FinishDepartmentAsync(UnitOfWork uow, Guid incidentId, string department) =>
        uow.ExecuteAsync("UPDATE incident_departments SET finished = 1 WHERE incident_id = @incidentId AND department_code = @department",
            new { incidentId, department });

    /// <summary>Opens a request; one left from a tier the case has since left (void) is replaced.</summary>
    public static async Task OpenRequestAsync(UnitOfWork uow, MoveUpRequest r)
    {
        await CloseRequestAsync(uow, r.IncidentId);
        await InsertRequestAsync(uow, r);
    }

    private static Task InsertRequestAsync(UnitOfWork uow, MoveUpRequest r) => uow.ExecuteAsync("""
        INSERT INTO move_up_requests (incident_id, requested_by, reason, tier, unit_code, requested_at_ms)
        VALUES (@IncidentId, @RequestedBy, @Reason, @Tier, @UnitCode, @At)
        """, new { r.IncidentId, r.RequestedBy, r.Reason, Tier = (short)r.Tier, r.UnitCode, At = r.RequestedAt.ToUnixTimeMilliseconds() });

    public static async Task<MoveUpRequest?> RequestOfAsync(DbSession session, Guid incidentId) =>
        (await session.QuerySingleOrDefaultAsync<RequestRow>($"{RequestColumns} WHERE incident_id = @incidentId", new { incidentId }))?.ToRequest();

    private const string RequestColumns = """
        SELECT incident_id AS IncidentId, requested_by AS RequestedBy, reason AS Reason, tier AS Tier, unit_code AS UnitCode,
               requested_at_ms AS RequestedAtMs, approved_by AS ApprovedBy, approved_at_ms AS ApprovedAtMs
        FROM move_up_requests
        """;

    /// <summary>The tier above took the case: it is on its way up until Dispatch has moved it.</summary>
    public static Task ApproveRequestAsync(UnitOfWork uow, Guid incidentId, string approvedBy, DateTimeOffset at) =>
        uow.ExecuteAsync("UPDATE move_up_requests SET approved_by = @approvedBy, approved_at_ms = @at WHERE incident_id = @incidentId",
            new { incidentId, approvedBy, at = at.ToUnixTimeMilliseconds() });

    /// <summary>The departments called in on each of a page of cases, and whether each finished its part (a co-handler that
    /// finished still reads the case, with nothing left to work on): one statement for the page.</summary>
    public static async Task<ILookup<Guid, (string Department, bool Finished)>> DepartmentsOfAsync(DbSession session, IReadOnlyList<Guid> ids) =>
        (await session.QueryAsync<DepartmentRow>(
            "SELECT incident_id AS IncidentId, department_code AS Department, finished AS Finished FROM incident_departments WHERE " + Sql.In(session.Provider, "incident_id", "ids"),
            new { ids = ids.ToArray() }))
        .ToLookup(r => r.IncidentId, r => (r.Department, r.Finished != 0));

    private sealed class DepartmentRow
    {
        public Guid IncidentId { get; init; }
        public string Department { get; init; } = default!;
        public short Finished { get; init; }
    }

    /// <summary>The move-up requests of a page of cases, current or void (the caller judges): one statement for the page.</summary>
    public static async Task<IReadOnlyDictionary<Guid, MoveUpRequest>> RequestsOfAsync(DbSession session, IReadOnlyList<Guid> ids) =>
        (await session.QueryAsync<RequestRow>($"{RequestColumns} WHERE {Sql.In(session.Provider, "incident_id", "ids")}", new { ids = ids.ToArray() }))
        .ToDictionary(r => r.IncidentId, r => r.ToRequest());

    /// <summary>Ends a request: declined, or replaced by a new one (a request is about the tier it was made on).</summary>
    public static Task CloseRequestAsync(UnitOfWork uow, Guid incidentId) =>
        uow.ExecuteAsync("DELETE FROM move_up_requests WHERE incident_id = @incidentId", new { incidentId });
}
