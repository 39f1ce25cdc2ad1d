namespace Governance.Grids.Model;

/// <summary>
/// Points per item of the monthly assessment (考核积分), county-editable data. Penalties
/// (<see cref="Dissatisfied"/>, <see cref="MissedDeadline"/>) are stored as positive numbers and
/// subtracted (docs/assessment.md). Who changed them, when and the version have no default values in the
/// constructor: the OpenAPI document's schema generator fails on a struct parameter defaulted with
/// <c>= default</c> (it writes the default as the property's, and null is no DateTimeOffset).
/// </summary>
public sealed record AssessmentWeights(
    int PatrolDay, int CareVisitOnTime, int CaseFound, int SettledOnSpot, int ResolvedOnTime, int Satisfied,
    int Dissatisfied, int MissedDeadline, string ChangedBy, DateTimeOffset ChangedAt, long Version)
{
    public const int MaxWeight = 100;

    /// <summary>Until the county sets its own.</summary>
    public static readonly AssessmentWeights Defaults = new(2, 1, 1, 2, 2, 1, 2, 3, "system:defaults", default, 0);
}

/// <summary>The counted items of one person's or unit's month.</summary>
public sealed record AssessmentFigures(
    int PatrolDays, int CareVisits, int CareVisitsOnTime, int CasesFound, int SettledOnSpot, int Resolved, int ResolvedOnTime,
    int Satisfied, int Dissatisfied, int MissedDeadlines)
{
    public static readonly AssessmentFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public AssessmentFigures Plus(AssessmentFigures o) => new(
        PatrolDays + o.PatrolDays, CareVisits + o.CareVisits, CareVisitsOnTime + o.CareVisitsOnTime, CasesFound + o.CasesFound,
        SettledOnSpot + o.SettledOnSpot, Resolved + o.Resolved, ResolvedOnTime + o.ResolvedOnTime, Satisfied + o.Satisfied,
        Dissatisfied + o.Dissatisfied, MissedDeadlines + o.MissedDeadlines);
}

/// <summary>The score: a weighted sum of the items, penalties subtracted.</summary>
public static class AssessmentScore
{
    public static int Of(AssessmentFigures f, AssessmentWeights w) =>
        w.PatrolDay * f.PatrolDays + w.CareVisitOnTime * f.CareVisitsOnTime + w.CaseFound * f.CasesFound
        + w.SettledOnSpot * f.SettledOnSpot + w.ResolvedOnTime * f.ResolvedOnTime + w.Satisfied * f.Satisfied
        - w.Dissatisfied * f.Dissatisfied - w.MissedDeadline * f.MissedDeadlines;

    /// <summary>A unit's score per person registered in it, two decimals (units of different sizes compare).</summary>
    public static decimal PerPerson(int score, int people) => people == 0 ? 0m : Math.Round((decimal)score / people, 2);
}
