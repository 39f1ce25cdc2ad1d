namespace Governance.Grids.Model;

/// <summary>One China-local day of patrols: how many were started and by how many people.</summary>
public sealed record PatrolDay(DateOnly Date, int Patrols, int People);

/// <summary>A month of patrols: started, the people who patrolled, person-days (a person's day counts
/// once however many patrols he started on it) and the days.</summary>
public sealed record PatrolCounts(string Month, int Patrols, int People, int PersonDays, IReadOnlyList<PatrolDay> Days)
{
    public static PatrolCounts Of(AssessmentMonth month, IEnumerable<Visit> patrols)
    {
        var list = patrols.ToList();
        var days = list.GroupBy(p => AssessmentMonth.DayOf(p.StartedAt)).OrderBy(g => g.Key)
            .Select(g => new PatrolDay(g.Key, g.Count(), g.Select(p => p.PersonId).Distinct().Count())).ToList();
        return new PatrolCounts(month.Key, list.Count, list.Select(p => p.PersonId).Distinct().Count(), days.Sum(d => d.People), days);
    }
}
