namespace Governance.Incidents.Handling;

/// <summary>Take a case in hand, with optional instructions.</summary>
public sealed record TakeInHand(Guid IncidentId, string Leader, string? Instructions);

/// <summary>Sign off a case in hand after verification, with an optional note.</summary>
public sealed record SignOff(Guid IncidentId, string Leader, string? Note);

/// <summary>
/// 包案 (Fengqiao practice, issue #16): a leader linked to the place, or a county supervisor, takes a hard
/// case in hand. The case names him and is in his own queue; the holders keep working it as before; once it
/// is verified solved it waits (status <c>verified</c>) and closes only with his sign-off. Who may is the
/// permission model's (take-in-hand, sign-off); what the case's state admits is decided here.
/// </summary>
public static class InHand
{
    public static async Task<Outcome<Incident>> TakeAsync(UnitOfWork<IncidentsDatabase> uow, TakeInHand command)
    {
        var errors = new FieldErrors().Optional("instructions", command.Instructions, InHandRules.MaxInstructions);
        if (errors.Any) return errors;
        var incident = await IncidentStore.FindAsync(uow, command.IncidentId);
        if (incident is null) return new Outcome<Incident>.NotFound();
        if (await InHandStore.FindAsync(uow, incident.Id) is { } taken)
            return CaseRefusal.NotAllowed(incident.Status, taken.Leader == command.Leader
                ? IncidentsTexts.InYourHandAlready
                : IncidentsTexts.InHandOf(taken.Leader));
        if (!InHandRules.MayTake(incident.Status))
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.NotTakenInHand(Codes.Of(incident.Status)));

        var instructions = command.Instructions?.Trim() is { Length: > 0 } text ? text : null;
        await InHandStore.InsertAsync(uow, new CaseInHand(incident.Id, command.Leader, uow.Now, instructions), incident.Ancestry);
        var changed = incident with { UpdatedAt = uow.Now };
        await IncidentStore.UpdateAsync(uow, changed);
        TimelineStore.Add(uow, incident.Id,
            new TimelineEntry(uow.Now, command.Leader, TimelineAction.TakenInHand, incident.Tier, incident.HandlingUnitCode, instructions));
        await uow.PublishAsync(new IncidentTakenInHand(incident.Id, command.Leader, instructions, uow.Now));
        return new Outcome<Incident>.Done(changed);
    }

    /// <summary>签字办结: 409 until the case is verified solved; only the leader who took it in hand (403 otherwise,
    /// also decided by the permission model before this runs).</summary>
    public static async Task<Outcome<Incident>> SignOffAsync(UnitOfWork<IncidentsDatabase> uow, SignOff command)
    {
        var errors = new FieldErrors().Optional("note", command.Note, InHandRules.MaxSignOffNote);
        if (errors.Any) return errors;
        var incident = await IncidentStore.FindAsync(uow, command.IncidentId);
        if (incident is null) return new Outcome<Incident>.NotFound();
        var inHand = await InHandStore.FindAsync(uow, incident.Id);
        if (inHand is null || inHand.Leader != command.Leader)
            return new Outcome<Incident>.Forbidden(IncidentsTexts.OnlyLeaderInHandSignsOff);
        if (incident.Status != IncidentStatus.Verified)
            return CaseRefusal.NotAllowed(incident.Status, incident.Status == IncidentStatus.Closed
                ? IncidentsTexts.ClosedAlready
                : IncidentsTexts.NotVerifiedYet(Codes.Of(incident.Status)));

        var note = command.Note?.Trim() is { Length: > 0 } text ? text : null;
        await InHandStore.SignedOffAsync(uow, incident.Id);
        // The satisfaction recorded at verification counts as it would have at a closing then: the resident's own
        // answer was counted when he gave it, a member of staff's is counted now.
        return await CaseActions.ApplyAsync(uow, incident.Id, IncidentAction.SignOff, command.Leader, TimelineAction.SignedOff, note,
            i => i, i => new IncidentSignedOff(i.Id, command.Leader, note, uow.Now),
            staffRecorded: inHand.VerifiedBy != ReturnVisit.ResidentActor);
    }
}
