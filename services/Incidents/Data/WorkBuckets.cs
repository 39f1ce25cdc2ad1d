using Dapper;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;

namespace Governance.Incidents.Data;

/// <summary>
/// The work list's buckets as SQL: the permission model (<see cref="Relations"/>, <see cref="CasePermissions"/>)
/// and the case's state (<c>AllowedActions.Fits</c>) spelled out for the lines a bucket depends on, so each
/// bucket is selected, counted and paged in the database instead of from a window of newest cases (a
/// window cut busy units' lists silently). <c>WorkApi.BucketOf</c> is the same rule on one case; the work
/// list logs any case where the two disagree.
/// </summary>
/// <remarks>The caller's roles apply at each of his units (as in <see cref="Relations"/>): per unit we know
/// which tiers he holds there and which he stands above. A unit is in a case's holder chain exactly when the
/// holding unit is in that unit's subtree, which the CTE <c>mine</c> (code, root) lists.</remarks>
public sealed class WorkBuckets
{
    /// <summary>The buckets in the order a case is put into the first that fits (as <c>WorkApi.BucketOf</c> does).</summary>
    public static readonly string[] Names = ["move-up-requests", "to-accept", "to-verify", "in-progress", "department-parts", "overdue-below"];

    /// <summary>A unit the caller holds a role at, with its level.</summary>
    public sealed record Standing(string Code, UnitLevel Level);

    private readonly DynamicParameters _parameters = new();
    private readonly string _cte;
    private readonly string _bucket;
    private readonly string _filter;
    private readonly string _concerns;

    public DynamicParameters Parameters => _parameters;

    /// <param name="filter">What the list is narrowed to (the case list's filters, <see cref="CaseFilter"/>): applied
    /// after the buckets, so it never widens what the caller may act on.</param>
    public WorkBuckets(DatabaseProvider provider, Caller caller, IReadOnlyList<Standing> units, CaseFilter? filter = null)
    {
        _filter = (filter ?? new CaseFilter()).Where(null, _parameters);
        var person = caller.Person;
        _parameters.Add("Me", caller.Id);
        _parameters.Add("Dept", caller.Department);
        var roots = SqlList.In("code", "root", units.Select(u => u.Code).ToList(), _parameters);
        _cte = $"""
            {Sql.RecursiveWith(provider)} mine (code, root, depth) AS (
                SELECT code, code, 0 FROM unit_copy WHERE {roots}
                UNION ALL
                SELECT u.code, m.root, m.depth + 1 FROM unit_copy u JOIN mine m ON u.parent_code = m.code WHERE m.depth < 8
            )
            """;
        string At(Func<string, UnitLevel, IEnumerable<Tier>> tiers) => AtUnits(units, person.Roles, tiers);
        var free = caller.Unrestricted;
        var department = person.HasRole(Roles.DepartmentHandler) && caller.Department is not null;
        var heldByUnit = At((role, level) => RoleTiers.HandlingTier(role, level) is { } t ? [t] : []);
        var leadDepartment = department ? $"i.tier IN ({Tiers(Tier.Township, Tier.County)}) AND i.lead_department_code = @Dept" : "1 = 0";
        var holder = free ? "1 = 1" : $"(i.tier IS NOT NULL AND ({heldByUnit} OR {leadDepartment}))";
        // Above: an "above" role there handles a higher tier than the case's.
        var above = free ? "1 = 1" : At((role, level) => RoleTiers.Above.Contains(role) && RoleTiers.HandlingTier(role, level) is { } t
            ? Enum.GetValues<Tier>().Where(x => x < t) : []);
        var directlyAbove = free ? "1 = 1" : At((role, level) => RoleTiers.Above.Contains(role) && RoleTiers.HandlingTier(role, level) is { } t
            && t > Tier.Courtyard ? [t - 1] : []);
        var place = "EXISTS (SELECT 1 FROM mine m WHERE m.code = i.unit_code)";
        var reporter = "(i.reported_by = @Me OR EXISTS (SELECT 1 FROM incident_reporters r WHERE r.incident_id = i.id AND r.reporter = @Me))";
        var calledIn = free ? "1 = 1" : department
            ? "(i.lead_department_code = @Dept OR EXISTS (SELECT 1 FROM incident_departments d WHERE d.incident_id = i.id AND d.department_code = @Dept AND d.finished = 0))"
            : "1 = 0"; // a co-handler that finished its part (完成) has nothing left to do on the case
        var fieldVerifier = RoleTiers.GridWorkers.Append(Roles.CourtyardLead).Any(person.HasRole);
        // 核查: never the one who resolved it nor a holder; the reporter, a grid worker or courtyard lead of the place, or above.
        var verifier = free ? "1 = 1" : $"""
            (i.resolved_by IS NULL OR i.resolved_by <> @Me) AND NOT {holder}
            AND ({reporter} OR {(fieldVerifier ? place : "1 = 0")} OR {above})
            """;
        // The cases that can concern him at all — what every bucket's condition below needs one of: held, placed or
        // watched within his units, reported by him, his department's. Applied before the buckets are worked out, so
        // that a village's handler is not charged for the county's open cases: each bucket's condition is a handful of
        // subqueries a case, and the day mix of the benchmark (issue #19) found the list timing out at 30 s with some
        // 30,000 open cases in PostgreSQL. A superset of every bucket, so the buckets are what they were.
        _concerns = free ? "1 = 1" : $"""
            (i.handling_unit_code IN (SELECT code FROM mine) OR i.unit_code IN (SELECT code FROM mine)
             OR i.reported_by = @Me OR i.id IN (SELECT r.incident_id FROM incident_reporters r WHERE r.reporter = @Me)
             {(department ? "OR i.lead_department_code = @Dept OR i.id IN (SELECT d.incident_id FROM incident_departments d WHERE d.department_code = @Dept)" : "")})
            """;
        var tierNumber = $"CASE i.tier {string.Join(" ", Enum.GetValues<Tier>().Select(t => $"WHEN '{Codes.Of(t)}' THEN {(int)t}"))} END";
        var requested = $"EXISTS (SELECT 1 FROM move_up_requests q WHERE q.incident_id = i.id AND q.unit_code = i.handling_unit_code AND q.tier = {tierNumber} AND q.approved_at_ms IS NULL)";
        var working = $"i.status IN ({Statuses(IncidentStatus.Assigned, IncidentStatus.Accepted, IncidentStatus.Reopened)})";
        var late = "(i.overdue <> 0 OR i.flagged_overdue_at_ms IS NOT NULL)";
        _bucket = $"""
            CASE
                WHEN {working} AND {requested} AND {directlyAbove} THEN '{Names[0]}'
                WHEN i.status IN ({Statuses(IncidentStatus.Assigned, IncidentStatus.Reopened)}) AND {holder} THEN '{Names[1]}'
                WHEN i.status = '{Codes.Of(IncidentStatus.Resolved)}' AND {verifier} THEN '{Names[2]}'
                WHEN {working} AND {holder} THEN '{Names[3]}'
                WHEN {working} AND {calledIn} THEN '{Names[4]}'
                WHEN {working} AND {late} AND {(free ? "1 = 0" : above)} THEN '{Names[5]}'
            END
            """;
    }

    /// <summary>"The holding unit is in the subtree of one of his units where his roles give one of these tiers".</summary>
    private static string AtUnits(IReadOnlyList<Standing> units, IReadOnlyList<string> roles, Func<string, UnitLevel, IEnumerable<Tier>> tiersOf)
    {
        var terms = new List<string>();
        for (var k = 0; k < units.Count; k++)
        {
            var level = units[k].Level;
            var tiers = roles.SelectMany(role => tiersOf(role, level)).Distinct().ToArray();
            if (tiers.Length > 0) terms.Add($"(m.root = @root{k} AND i.tier IN ({Tiers(tiers)}))");
        }
        return terms.Count == 0 ? "1 = 0"
            : $"EXISTS (SELECT 1 FROM mine m WHERE m.code = i.handling_unit_code AND ({string.Join(" OR ", terms)}))";
    }

    private static string Tiers(params Tier[] tiers) => string.Join(", ", tiers.Select(t => $"'{Codes.Of(t)}'"));

    private static string Statuses(params IncidentStatus[] statuses) => string.Join(", ", statuses.Select(s => $"'{Codes.Of(s)}'"));

    /// <summary>Every open case the list's filter lets through and the caller has something to do on, with its bucket (null: none).</summary>
    private string Bucketed => $"""
        SELECT i.*, {_bucket} AS bucket FROM incidents i
        WHERE i.status IN ({Statuses(IncidentStatus.Assigned, IncidentStatus.Accepted, IncidentStatus.Reopened, IncidentStatus.Resolved)})
          AND {_concerns} AND {_filter}
        """;

    /// <summary>The bucket's order: overdue or flagged first, then the soonest deadline.</summary>
    private const string Order = """
        CASE WHEN w.overdue <> 0 OR w.flagged_overdue_at_ms IS NOT NULL THEN 0 ELSE 1 END,
        CASE WHEN w.due_at_ms IS NULL THEN 1 ELSE 0 END, w.due_at_ms, w.filed_at_ms, w.id
        """;

    /// <summary>How many cases each bucket holds.</summary>
    public string CountSql => $"""
        {_cte}
        SELECT w.bucket AS Bucket, COUNT(*) AS Total FROM ({Bucketed}) w WHERE w.bucket IS NOT NULL GROUP BY w.bucket
        """;

    /// <summary>One page of each bucket (or of @Bucket alone): rows @Offset+1 … @Offset+@Limit in the bucket's own
    /// order: overdue or flagged first, then the soonest deadline; <c>tag</c> names the bucket.</summary>
    public string PageSql(bool oneBucket) => $"""
        {_cte}
        SELECT {IncidentStore.Columns}, p.bucket AS Tag FROM (
            SELECT w.*, ROW_NUMBER() OVER (PARTITION BY w.bucket ORDER BY {Order}) AS rn
            FROM ({Bucketed}) w WHERE w.bucket IS NOT NULL {(oneBucket ? "AND w.bucket = @Bucket" : "")}
        ) p
        WHERE p.rn > @Offset AND p.rn <= @Offset + @Limit
        ORDER BY p.bucket, p.rn
        """;

    /// <summary>Every case of each bucket (or of @Bucket alone), unpaged, for an export: the buckets in the work
    /// list's order (<see cref="Names"/>), each in its own order; <c>tag</c> names the bucket.</summary>
    public string AllSql(bool oneBucket) => $"""
        {_cte}
        SELECT {IncidentStore.Columns}, w.bucket AS Tag FROM ({Bucketed}) w
        WHERE w.bucket IS NOT NULL {(oneBucket ? "AND w.bucket = @Bucket" : "")}
        ORDER BY CASE w.bucket {string.Join(" ", Names.Select((b, k) => $"WHEN '{b}' THEN {k}"))} END, {Order}
        """;
}
