namespace Governance.Grids.Model;

/// <summary>A care visit as the month's assessment sees it: who made it, to whom, when, and whether it was made by
/// the date the subject's schedule gave.</summary>
public readonly record struct CareVisitSeen(string VisitedBy, Guid SubjectId, DateTimeOffset At, DateOnly Day, int VisitEveryDays, bool ByDueDate);

/// <summary>
/// What a person's care visits earn in a month. A visit is a call on a subject on a day: calls on the same subject the
/// same day are one visit (recording a visit five times in a minute counted five, each "on time", and raised the
/// score — found by the outside probe), on time when the day's first call was: a late call made again a minute later
/// does not become punctual. On time are at most the visits the schedule asks of the month for that
/// subject (one every visitEveryDays, at least one): visiting more often than asked is welcome, and not scored as more.
/// </summary>
public static class CareVisitCredit
{
    public static Dictionary<string, (int Visits, int OnTime)> Count(IEnumerable<CareVisitSeen> seen, int daysInMonth) =>
        seen.GroupBy(v => v.VisitedBy, StringComparer.Ordinal).ToDictionary(person => person.Key, person =>
        {
            var (visits, onTime) = (0, 0);
            foreach (var subject in person.GroupBy(v => v.SubjectId))
            {
                var days = subject.GroupBy(v => v.Day).ToList();
                visits += days.Count;
                var asked = Math.Max(1, (int)Math.Ceiling(daysInMonth / (double)Math.Max(1, subject.First().VisitEveryDays)));
                onTime += Math.Min(asked, days.Count(d => d.MinBy(v => v.At).ByDueDate));
            }
            return (visits, onTime);
        }, StringComparer.Ordinal);
}
