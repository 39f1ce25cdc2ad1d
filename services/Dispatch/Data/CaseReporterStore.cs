using System.Data.Common;
using Dapper;
using Governance.Infrastructure.Data;

namespace Governance.Dispatch.Data;

/// <summary>Who reported a case, as Dispatch learns it from Incidents' messages (migration 0006).</summary>
public static class CaseReporterStore
{
    public static Task AddAsync(DbConnection c, DbTransaction t, DatabaseProvider provider, Guid incidentId, string reporter) =>
        c.ExecuteAsync(Sql.InsertIfAbsent(provider, "case_reporters", "incident_id, reporter", "@incidentId, @reporter",
            "incident_id, reporter", "incident_id = @incidentId AND reporter = @reporter"), new { incidentId, reporter }, t);

    /// <summary>A duplicate merged into another case brings its reporters along.</summary>
    public static async Task CopyAsync(DbConnection c, DbTransaction t, DatabaseProvider provider, Guid from, Guid into)
    {
        foreach (var reporter in await ListAsync(c, from, t)) await AddAsync(c, t, provider, into, reporter);
    }

    public static async Task<IReadOnlyList<string>> ListAsync(DbConnection c, Guid incidentId, DbTransaction? t = null) =>
        (await c.QueryAsync<string>("SELECT reporter FROM case_reporters WHERE incident_id = @incidentId", new { incidentId }, t)).ToList();
}
