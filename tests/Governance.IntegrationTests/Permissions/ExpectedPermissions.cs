namespace Governance.IntegrationTests.Permissions;

/// <summary>What a probe must answer.</summary>
public enum Answer { Allow, Forbidden, NotFound, NotApplicable }

/// <summary>One person's relation to a case: the relation, his role, and the tier the case is held on.</summary>
public sealed record Cell(string Relation, string Role, string Tier)
{
    public override string ToString() => $"{Relation} {Role}@{Tier}";
}

/// <summary>
/// The hand-written matrix (expected-permissions.txt), expanded: which cells exist per relation, and
/// per action the terms that allow. Nothing here comes from the model's code; a word the file does not
/// know (a misspelt action, role, relation or tier) fails loudly instead of matching nothing.
/// </summary>
public sealed class ExpectedPermissions
{
    public const string FileName = "expected-permissions.txt";

    public static readonly string[] Actions =
    [
        "read", "accept", "resolve", "note", "add-photo", "request-move-up", "decide-move-up", "send-back", "move-up",
        "call-in-departments", "department-work", "urge", "supervise", "pull-up", "regrade", "report-casualties", "verify",
        "merge", "mediate", "read-caller",
    ];

    public static readonly string[] Relations = ["holder", "above", "place", "reporter", "department", "leader", "none"];

    public static readonly string[] Roles =
    [
        "grid-worker-full-time", "grid-worker-part-time", "grid-head", "courtyard-lead", "village-handler", "mediator",
        "township-dispatcher", "department-handler", "county-supervisor", "county-dispatcher", "county-administrator", "hotline-operator",
    ];

    public static readonly string[] Tiers = ["courtyard", "village", "township", "county"];

    private sealed record Term(string Relation, string[]? Roles, string[]? Tiers)
    {
        public bool Matches(Cell cell) => cell.Relation == Relation && (Roles is null || Roles.Contains(cell.Role)) && (Tiers is null || Tiers.Contains(cell.Tier));
    }

    private readonly List<Cell> _cells = [];
    private readonly Dictionary<string, List<Term>> _allowed = [];
    private readonly Dictionary<string, List<Term>> _notApplicable = [];

    /// <summary>Every cell the file says exists, in the file's order.</summary>
    public IReadOnlyList<Cell> Cells => _cells;

    public static ExpectedPermissions Load() => Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Permissions", FileName)));

    public static ExpectedPermissions Parse(IEnumerable<string> lines)
    {
        var matrix = new ExpectedPermissions();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var words = raw.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            try
            {
                matrix.Read(words);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{FileName} line {number}: {e.Message}");
            }
        }
        var missing = Actions.Where(a => !matrix._allowed.ContainsKey(a)).ToList();
        if (missing.Count > 0) throw new FormatException($"{FileName} says nothing about {string.Join(", ", missing)}.");
        return matrix;
    }

    private void Read(string[] words)
    {
        if (words[0] == "relation")
        {
            var relation = Known(words[1], Relations, "relation");
            foreach (var word in words.Skip(2))
            {
                var (role, tier) = (word.Split('@')[0], word.Split('@').ElementAtOrDefault(1) ?? throw new FormatException($"{word}: role@tier expected."));
                Known(tier, Tiers, "tier");
                foreach (var r in role == "*" ? Roles : new[] { Known(role, Roles, "role") }) _cells.Add(new Cell(relation, r, tier));
            }
            return;
        }
        var notApplicable = words[0] == "n/a";
        var action = Known(notApplicable ? words[1] : words[0], Actions, "action");
        var terms = words.Skip(notApplicable ? 2 : 1).Select(ParseTerm).ToList();
        var into = notApplicable ? _notApplicable : _allowed;
        if (!notApplicable && _allowed.ContainsKey(action)) throw new FormatException($"{action} is listed twice.");
        if (!into.TryGetValue(action, out var list)) into[action] = list = [];
        list.AddRange(terms);
    }

    private static Term ParseTerm(string word)
    {
        var at = word.Split('@');
        var colon = at[0].Split(':');
        var relation = Known(colon[0], Relations, "relation");
        var roles = colon.Length > 1 ? colon[1].Split(',').Select(r => Known(r, Roles, "role")).ToArray() : null;
        var tiers = at.Length > 1 ? at[1].Split(',').Select(t => Known(t, Tiers, "tier")).ToArray() : null;
        return new Term(relation, roles, tiers);
    }

    private static string Known(string word, string[] known, string what) =>
        known.Contains(word) ? word : throw new FormatException($"\"{word}\" is no {what} (one of {string.Join(", ", known)}).");

    /// <summary>The answer the file gives for an action in a cell.</summary>
    public Answer Expect(string action, Cell cell)
    {
        if (!_cells.Contains(cell)) return Answer.NotApplicable;
        if (_notApplicable.GetValueOrDefault(action)?.Any(t => t.Matches(cell)) == true) return Answer.NotApplicable;
        if (cell.Relation == "none") return Answer.NotFound;
        return _allowed[action].Any(t => t.Matches(cell)) ? Answer.Allow : Answer.Forbidden;
    }

    public static string Show(Answer answer) => answer switch
    {
        Answer.Allow => "allow", Answer.Forbidden => "403", Answer.NotFound => "404", _ => "n/a",
    };
}
