namespace Governance.Grids.Handling;

public sealed record PersonScore(string PersonId, string Name, string Role, string UnitCode, AssessmentFigures Figures, int Score);

/// <summary>A unit's month: everyone registered in its subtree summed, its subtree's misses subtracted.</summary>
public sealed record UnitScore(string UnitCode, string Name, UnitLevel Level, int People, AssessmentFigures Figures, int Score, decimal PerPerson);

public sealed record PersonAssessment(string Month, AssessmentWeights Weights, PersonScore Person);

/// <summary>A unit's month, the units directly below it and the people registered at it or directly below it.</summary>
public sealed record UnitAssessment(string Month, AssessmentWeights Weights, UnitScore Unit, IReadOnlyList<UnitScore> Units, IReadOnlyList<PersonScore> People);

/// <summary>The monthly assessment (考核), computed when asked from the month's rollups and Grids' own
/// patrols and care visits, with the county's weights (docs/assessment.md).</summary>
public static class Assessment
{
    public static async Task<Outcome<PersonAssessment>> PersonAsync(DbSession session, string personId, AssessmentMonth month, string callerId, Reach readers)
    {
        if (await StaffStore.FindAsync(session, personId) is not { } person) return new Outcome<PersonAssessment>.NotFound();
        // Each person sees his own; those above his unit see his as part of their unit's work.
        if (personId != callerId && await readers.RefusalAtAsync(session, person.UnitCode) is { } why) return new Outcome<PersonAssessment>.Forbidden(why);
        var weights = await AssessmentStore.WeightsAsync(session);
        var figures = await MonthFigures.LoadAsync(session, month);
        return new Outcome<PersonAssessment>.Done(new(month.Key, weights, Score(person, figures.Of(person.Id), weights)));
    }

    /// <summary>The endpoint has checked that the caller may read the unit's work.</summary>
    public static async Task<Outcome<UnitAssessment>> UnitAsync(DbSession session, string unitCode, AssessmentMonth month)
    {
        var tree = await UnitStore.TreeAsync(session);
        if (!tree.ContainsKey(unitCode)) return new Outcome<UnitAssessment>.NotFound();
        var weights = await AssessmentStore.WeightsAsync(session);
        var figures = await MonthFigures.LoadAsync(session, month);
        var staff = (await StaffStore.AllAsync(session)).Where(s => s.LeftAt is null || s.LeftAt >= month.Start).ToList();
        // Which unit of the table (the unit itself, or one directly below it) a unit code falls under.
        string? RowOf(string code)
        {
            for (var (at, depth) = (code, 0); depth < 12 && tree.TryGetValue(at, out var node); depth++)
            {
                if (at == unitCode || node.ParentCode == unitCode) return at;
                if (node.ParentCode is not { } parent) return null;
                at = parent;
            }
            return null;
        }
        var children = tree.Values.Where(n => n.ParentCode == unitCode && !n.Retired).Select(n => n.Code).Order(StringComparer.Ordinal).ToList();
        var sums = children.Append(unitCode).ToDictionary(c => c, _ => (People: 0, Figures: AssessmentFigures.Zero), StringComparer.Ordinal);
        var people = new List<PersonScore>();
        foreach (var s in staff)
        {
            if (RowOf(s.UnitCode) is not { } row || !sums.ContainsKey(row)) continue;
            var f = figures.Of(s.Id);
            sums[row] = (sums[row].People + 1, sums[row].Figures.Plus(f));
            people.Add(Score(s, f, weights));
        }
        foreach (var (code, misses) in figures.UnitMisses)
            if (RowOf(code) is { } row && sums.ContainsKey(row))
                sums[row] = (sums[row].People, sums[row].Figures with { MissedDeadlines = sums[row].Figures.MissedDeadlines + misses });
        var names = await UnitStore.FindManyAsync(session, sums.Keys);
        UnitScore Row(string code, int count, AssessmentFigures f)
        {
            var score = AssessmentScore.Of(f, weights);
            return new UnitScore(code, names.TryGetValue(code, out var u) ? u.Name : code, tree[code].Level, count, f, score, AssessmentScore.PerPerson(score, count));
        }
        var rows = children.Select(c => Row(c, sums[c].People, sums[c].Figures)).ToList();
        var total = rows.Aggregate((People: sums[unitCode].People, Figures: sums[unitCode].Figures), (t, r) => (t.People + r.People, t.Figures.Plus(r.Figures)));
        return new Outcome<UnitAssessment>.Done(new(month.Key, weights, Row(unitCode, total.People, total.Figures),
            rows.OrderByDescending(r => r.PerPerson).ThenBy(r => r.UnitCode, StringComparer.Ordinal).ToList(),
            people.OrderByDescending(p => p.Score).ThenBy(p => p.PersonId, StringComparer.Ordinal).ToList()));
    }

    private static PersonScore Score(StaffMember s, AssessmentFigures f, AssessmentWeights w) =>
        new(s.Id, s.Name, s.Role, s.UnitCode, f, AssessmentScore.Of(f, w));

    /// <summary>A month's figures of everyone, read once.</summary>
    private sealed class MonthFigures
    {
        private Dictionary<string, int> _patrolDays = [];
        private Dictionary<string, (int Visits, int OnTime)> _care = [];
        private ILookup<string, AssessmentStore.CounterRow> _people = Array.Empty<AssessmentStore.CounterRow>().ToLookup(r => r.Subject);
        public Dictionary<string, int> UnitMisses { get; private set; } = [];

        public static async Task<MonthFigures> LoadAsync(DbSession session, AssessmentMonth month) => new()
        {
            _patrolDays = await WorkFigureStore.PatrolDaysAsync(session, month),
            _care = await WorkFigureStore.CareVisitsAsync(session, month),
            _people = (await AssessmentStore.CountersAsync(session, month, AssessmentStore.Person)).ToLookup(r => r.Subject, StringComparer.Ordinal),
            UnitMisses = (await AssessmentStore.CountersAsync(session, month, AssessmentStore.Unit))
                .Where(r => r.Metric == CaseFigures.MissedDeadlines).ToDictionary(r => r.Subject, r => r.Value, StringComparer.Ordinal),
        };

        public AssessmentFigures Of(string personId)
        {
            var counters = _people[personId].ToDictionary(r => r.Metric, r => r.Value);
            int C(string metric) => counters.GetValueOrDefault(metric);
            var care = _care.GetValueOrDefault(personId);
            return new AssessmentFigures(_patrolDays.GetValueOrDefault(personId), care.Visits, care.OnTime, C(CaseFigures.CasesFound),
                C(CaseFigures.SettledOnSpot), C(CaseFigures.Resolved), C(CaseFigures.ResolvedOnTime), C(CaseFigures.Satisfied),
                C(CaseFigures.Dissatisfied), 0);
        }
    }
}
