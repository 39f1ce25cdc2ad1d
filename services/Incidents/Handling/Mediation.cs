namespace Governance.Incidents.Handling;

/// <summary>
/// Village mediation (乡贤评理堂): respected villagers mediate a dispute on the village tier.
/// Agreement reached resolves the case (verification still follows); not reached sends it to the
/// township, where the justice office (司法所) takes it.
/// </summary>
public static class Mediation
{
    /// <summary>A session is recorded at most a day before the case was filed (a meeting held the day
    /// the dispute arose, filed the next morning) and planned at most a year ahead.</summary>
    public static readonly TimeSpan EarliestBeforeFiling = TimeSpan.FromDays(1);
    public static readonly TimeSpan LatestAhead = TimeSpan.FromDays(366);

    /// <summary>An agreement becomes part of the resolution note ("调解达成协议：…", at most 4000 characters in the timeline).</summary>
    public const int MaxAgreementLength = 3900;

    public static async Task<Outcome<MediationSession>> ScheduleAsync(UnitOfWork<IncidentsDatabase> uow,
        Guid incidentId, IReadOnlyList<string> mediators, IReadOnlyList<string> parties, DateTimeOffset scheduledAt, string actor)
    {
        var incident = await IncidentStore.FindAsync(uow, incidentId);
        if (incident is null) return new Outcome<MediationSession>.NotFound();
        if (incident.Category != Category.Dispute || incident.Tier != Tier.Village || IncidentLifecycle.Next(incident.Status, IncidentAction.Mediate) is null)
            return CaseRefusal.NotAllowed<MediationSession>(incident.Status, IncidentsTexts.MediationOnVillageDisputes);
        var (earliest, latest) = (incident.FiledAt - EarliestBeforeFiling, uow.Now + LatestAhead);
        if (scheduledAt < earliest || scheduledAt > latest)
            return new FieldErrors().Add("scheduledAt", IncidentsTexts.ScheduledAtBetween(earliest, latest));

        var session = new MediationSession(Guid.CreateVersion7(), incidentId, mediators, parties, scheduledAt, null, null, actor, uow.Now, null, null);
        await MediationStore.InsertAsync(uow, session);
        TimelineStore.Add(uow, incidentId, TimelineEntry.Coded(uow.Now, actor,
            TimelineAction.MediationScheduled, incident.Tier, incident.HandlingUnitCode, TimelineReasons.Mediation(scheduledAt, mediators, parties)));
        return new Outcome<MediationSession>.Done(session);
    }

    public static async Task<Outcome<Incident>> RecordOutcomeAsync(UnitOfWork<IncidentsDatabase> uow, Guid incidentId, Guid sessionId,
        bool reached, string? agreement, string actor)
    {
        var session = await MediationStore.FindAsync(uow, sessionId);
        var incident = await IncidentStore.FindAsync(uow, incidentId);
        if (session is null || incident is null || session.IncidentId != incidentId) return new Outcome<Incident>.NotFound();
        if (session.Outcome is not null)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.SessionRecorded);
        if (incident.Tier != Tier.Village || IncidentLifecycle.Next(incident.Status, IncidentAction.Mediate) is null)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.NoLongerOnVillage);

        await MediationStore.RecordOutcomeAsync(uow, sessionId,
            reached ? MediationStore.Reached : MediationStore.NotReached, agreement, actor, uow.Now);
        if (reached)
        {
            TimelineStore.Add(uow, incidentId, new TimelineEntry(uow.Now, actor,
                TimelineAction.MediationAgreed, incident.Tier, incident.HandlingUnitCode, agreement));
            return await CaseActions.ResolveAsync(uow, incidentId, actor, $"调解达成协议：{agreement}");
        }
        TimelineStore.Add(uow, incidentId, TimelineEntry.Coded(uow.Now, actor,
            TimelineAction.MediationFailed, incident.Tier, incident.HandlingUnitCode, TimelineReasons.NoAgreement()));
        await uow.PublishAsync(new MediationFailed(incidentId, sessionId, actor, uow.Now));
        return new Outcome<Incident>.Done(incident);
    }
}
