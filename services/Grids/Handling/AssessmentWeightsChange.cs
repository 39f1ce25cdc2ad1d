namespace Governance.Grids.Handling;

/// <summary>The county administrator sets the assessment's weights (all of them at once); a month's
/// scores are computed with the weights when asked, so a change applies to past months too.</summary>
public static class AssessmentWeightsChange
{
    public static async Task<Outcome<AssessmentWeights>> SetAsync(UnitOfWork<GridsDatabase> uow, SetAssessmentWeights? c, string actor)
    {
        var errors = new FieldErrors();
        if (c is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        int W(string field, int? value)
        {
            if (value is not { } v) errors.Add(field, ProblemTexts.Required(field));
            else if (v is < 0 or > AssessmentWeights.MaxWeight) errors.Add(field, GridsTexts.WholeNumberFromTo(field, 0, AssessmentWeights.MaxWeight));
            return value ?? 0;
        }
        var weights = new AssessmentWeights(W("patrolDay", c.PatrolDay), W("careVisitOnTime", c.CareVisitOnTime), W("caseFound", c.CaseFound),
            W("settledOnSpot", c.SettledOnSpot), W("resolvedOnTime", c.ResolvedOnTime), W("satisfied", c.Satisfied),
            W("dissatisfied", c.Dissatisfied), W("missedDeadline", c.MissedDeadline), actor, uow.Now, 0);
        if (errors.Any) return errors;
        var current = await AssessmentStore.WeightsAsync(uow);
        var saved = weights with { ChangedBy = actor, ChangedAt = uow.Now, Version = current.Version + 1 };
        return await AssessmentStore.SaveWeightsAsync(uow, saved, current.Version)
            ? new Outcome<AssessmentWeights>.Done(saved)
            : new Outcome<AssessmentWeights>.Conflict(GridsTexts.WeightsChanged);
    }
}
