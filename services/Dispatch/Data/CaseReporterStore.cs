namespace Governance.Dispatch.Data;

/// <summary>Who reported a case, as Dispatch learns it from Incidents' messages (migration 0006).</summary>
public static class CaseReporterStore
{
    public static Task AddAsync(UnitOfWork uow, Guid incidentId, string reporter) =>
        uow.ExecuteAsync(Sql.InsertIfAbsent(uow.Provider, "case_reporters", "incident_id, reporter", "@incidentId, @reporter",
            "incident_id, reporter", "incident_id = @incidentId AND reporter = @reporter"), new { incidentId, reporter });

    /// <summary>A duplicate merged into another case brings its reporters along.</summary>
    public static async Task CopyAsync(UnitOfWork uow, Guid from, Guid into)
    {
        foreach (var reporter in await ListAsync(uow, from)) await AddAsync(uow, into, reporter);
    }

    public static async Task<IReadOnlyList<string>> ListAsync(DbSession session, Guid incidentId) =>
        (await session.QueryAsync<string>("SELECT reporter FROM case_reporters WHERE incident_id = @incidentId", new { incidentId })).ToList();
}
