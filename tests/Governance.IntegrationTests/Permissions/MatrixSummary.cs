using System.Text;

namespace Governance.IntegrationTests.Permissions;

/// <summary>What ran, as a reader wants to see it: per action and relation, how many probes expected
/// allow / 403 / 404, and how many of them answered otherwise.</summary>
public static class MatrixSummary
{
    public static string Table(IReadOnlyCollection<ProbeResult> results, string title)
    {
        var text = new StringBuilder();
        text.AppendLine($"Permission matrix ({title}): {results.Count} probes, {results.Count(r => r.Mismatch is not null)} not as expected.");
        text.AppendLine("Each cell: allow/403/404 probes checked, \"!n\" when n of them answered otherwise.");
        text.Append($"{"action",-20}");
        foreach (var relation in ExpectedPermissions.Relations) text.Append($"{relation,14}");
        text.AppendLine();
        foreach (var action in ExpectedPermissions.Actions.Where(a => results.Any(r => r.Action == a)))
        {
            text.Append($"{action,-20}");
            foreach (var relation in ExpectedPermissions.Relations)
            {
                var cell = results.Where(r => r.Action == action && r.Cell.Relation == relation).ToList();
                var count = (Answer a) => cell.Count(r => r.Expected == a);
                var wrong = cell.Count(r => r.Mismatch is not null);
                var shown = cell.Count == 0 ? "-" : $"{count(Answer.Allow)}/{count(Answer.Forbidden)}/{count(Answer.NotFound)}{(wrong > 0 ? $" !{wrong}" : "")}";
                text.Append($"{shown,14}");
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}
