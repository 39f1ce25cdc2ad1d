using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Governance.IntegrationTests.Permissions;

/// <summary>One probe: what the file expects, what the API answered, and why it does not match (null when it does).</summary>
public sealed record ProbeResult(string Action, Cell Cell, Answer Expected, int? Got, string? Mismatch)
{
    public override string ToString() =>
        $"{Action,-20} {Cell.Relation,-10} {Cell.Role}@{Cell.Tier}: expected {ExpectedPermissions.Show(Expected)}, got {Got?.ToString() ?? "-"}  {Mismatch}";
}

/// <summary>
/// Runs an action's cells over HTTP. An allowed probe that changes something gets a fresh case; refused
/// probes (and reads) share one case per kind and state, probed one after another with the case's
/// snapshot before and after each. A shared case that a probe changed (wrongly) is replaced before the
/// next probe, so one wrong answer does not spoil the others.
/// </summary>
public sealed class MatrixRunner(CaseApi api, ProbeCases cases, MatrixDepartments departments, ExpectedPermissions expected)
{
    private readonly ConcurrentDictionary<(CaseSpec, CaseState, int), Task<Guid[]>> _shared = new();

    public async Task<IReadOnlyList<ProbeResult>> RunAsync(string action, IEnumerable<Cell> cells, int parallel = 6)
    {
        var probed = cells.Select(c => (Cell: c, Expected: expected.Expect(action, c))).Where(p => p.Expected != Answer.NotApplicable).ToList();
        var size = action == "merge" ? 2 : 1;
        var fresh = probed.Where(p => p.Expected == Answer.Allow && MatrixProbes.Changes(action))
            .Select(p => (Key: (MatrixProbes.SpecFor(p.Cell, action), MatrixProbes.StateFor(action), size), Probes: new[] { p }, Shared: false));
        var shared = probed.Where(p => p.Expected != Answer.Allow || !MatrixProbes.Changes(action))
            .GroupBy(p => (MatrixProbes.SpecFor(p.Cell, action), MatrixProbes.StateFor(action), size))
            .Select(g => (g.Key, Probes: g.ToArray(), Shared: true));

        var results = new ConcurrentBag<ProbeResult>();
        await Parallel.ForEachAsync(fresh.Concat(shared).ToList(), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (group, _) =>
        {
            foreach (var result in await RunGroupAsync(action, group.Key, group.Probes, group.Shared)) results.Add(result);
        });
        return [.. results.OrderBy(r => Array.IndexOf(ExpectedPermissions.Relations, r.Cell.Relation)).ThenBy(r => Array.IndexOf(ExpectedPermissions.Roles, r.Cell.Role))];
    }

    private async Task<List<ProbeResult>> RunGroupAsync(string action, (CaseSpec Spec, CaseState State, int Size) key,
        (Cell Cell, Answer Expected)[] probes, bool isShared)
    {
        var results = new List<ProbeResult>();
        Guid[] ids;
        try
        {
            ids = isShared ? await SharedAsync(key) : await BuildAsync(key);
        }
        catch (Exception e)
        {
            return [.. probes.Select(p => new ProbeResult(action, p.Cell, p.Expected, null, $"case setup failed: {e.Message}"))];
        }

        foreach (var (cell, answer) in probes)
        {
            try
            {
                var before = await SnapshotAsync(ids, action);
                var (method, path, body) = MatrixProbes.Request(action, ids[0], ids.Length > 1 ? ids[1] : Guid.Empty, key.Spec, cases, departments);
                using var response = await api.SendAsync(method, path, body, MatrixPeople.Token(cell, departments));
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                var excerpt = text.Length > 240 ? text[..240] + "…" : text;
                string? mismatch = null;
                if (answer == Answer.Allow)
                {
                    if (status is < 200 or > 299) mismatch = excerpt;
                }
                else
                {
                    var after = await SnapshotAsync(ids, action);
                    if (status != (answer == Answer.Forbidden ? 403 : 404)) mismatch = excerpt;
                    if (after != before) mismatch = $"{mismatch} CHANGED the case: before {before} / after {after}".Trim();
                    if (isShared && (mismatch is not null || status is >= 200 and <= 299))
                    {
                        // It may have moved the case on (or will, once its messages arrive): the next probe gets a new one.
                        _shared.TryRemove(key, out _);
                        ids = await SharedAsync(key);
                    }
                }
                results.Add(new ProbeResult(action, cell, answer, status, mismatch));
            }
            catch (Exception e)
            {
                results.Add(new ProbeResult(action, cell, answer, null, $"probe failed: {e.Message}"));
            }
        }
        return results;
    }

    private async Task<string> SnapshotAsync(Guid[] ids, string action)
    {
        var parts = new List<string>();
        foreach (var id in ids) parts.Add(await cases.SnapshotAsync(id, withMediations: action == "mediate"));
        return string.Join(" || ", parts);
    }

    private Task<Guid[]> SharedAsync((CaseSpec Spec, CaseState State, int Size) key) => _shared.GetOrAdd(key, async k =>
    {
        var ids = await BuildAsync(k);
        foreach (var id in ids) await cases.QuietAsync(id);
        return ids;
    });

    private async Task<Guid[]> BuildAsync((CaseSpec Spec, CaseState State, int Size) key)
    {
        var ids = new Guid[key.Size];
        for (var i = 0; i < key.Size; i++) ids[i] = await cases.BuildAsync(key.Spec, key.State);
        return ids;
    }
}
