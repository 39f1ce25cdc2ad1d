using System.ComponentModel.DataAnnotations;
using Governance.Incidents.Dashboard;

namespace Governance.Incidents.Handling;

/// <summary>"Incidents:ReturnVisits" in configuration: the resident's 回访 link (docs/sms.md).</summary>
public sealed class ReturnVisitOptions
{
    public const string Section = "Incidents:ReturnVisits";

    /// <summary>The public address the token is appended to: the resident's page, "https://12345.example.gov.cn/return-visit#". The token after "#" never reaches a server's access log: the page sends it in a header.
    /// The standalone default is relative, so the demo outbox's links open on whatever address the demo serves;
    /// with a real SMS platform it must be an absolute address residents reach (<see cref="ReturnVisitOptionsValidator"/>).</summary>
    [Required]
    public string LinkBase { get; set; } = "/return-visit#";
    /// <summary>How long a link answers after its text is sent.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(7);
    /// <summary>The county's approved template on its SMS platform; its variable ${link} is the link.</summary>
    [Required, MaxLength(64)]
    public string TemplateCode { get; set; } = "SMS_RETURN_VISIT";
    /// <summary>Reads and answers a minute per client address on the public page.</summary>
    [Range(1, 100_000)]
    public int PermitsPerMinute { get; set; } = 30;
}

/// <summary>The resident's answer, from his page. Satisfaction is required; the comment is his own words.</summary>
public sealed record AnswerReturnVisit(string Token, Satisfaction? Satisfaction, string? Comment);

/// <summary>
/// 回访: on each resolution the case's caller, if he left a phone, is offered a link (queued with the
/// resolution, sent afterwards); his answer verifies the case as the resident — 满意 / 基本满意 close it,
/// 不满意 reopens it through the same verification as a member of staff's "not solved".
/// </summary>
public static class ReturnVisits
{
    public const int MaxComment = 500;

    /// <summary>In the resolution's transaction: the link of an earlier resolution stops answering, and a
    /// caller with a phone gets a new one. Residents without a phone are verified by staff as before.</summary>
    public static async Task OfferAsync(UnitOfWork<IncidentsDatabase> uow, Incident resolved)
    {
        await ReturnVisitStore.VoidOpenAsync(uow, resolved.Id, "resolved-again");
        if (!StatusChange.Follows(resolved) || !await CallerStore.HasPhoneAsync(uow, resolved.Id)) return;
        var visit = Guid.CreateVersion7();
        await ReturnVisitStore.InsertAsync(uow, visit, resolved.Id);
        await SmsDeliveryStore.QueueAsync(uow, visit, resolved.Id, SmsDeliveryStore.ReturnVisit);
    }

    public static async Task<Outcome<Incident>> AnswerAsync(UnitOfWork<IncidentsDatabase> uow, AnswerReturnVisit command)
    {
        var errors = new FieldErrors();
        if (command.Satisfaction is null) errors.Add("satisfaction", ProblemTexts.RequiredOneOf("satisfaction", Codes.List<Satisfaction>()));
        errors.Optional("comment", command.Comment, MaxComment);
        if (!ReturnVisitToken.IsWellFormed(command.Token)) return new Outcome<Incident>.NotFound();
        var visit = await ReturnVisitStore.FindByTokenAsync(uow, command.Token);
        if (visit is null) return new Outcome<Incident>.NotFound();
        if (visit.RefusalAt(uow.Now) is { } refusal) return Spent(refusal);
        if (errors.Any) return new Outcome<Incident>.Invalid(errors);

        var incident = await IncidentStore.FindAsync(uow, visit.IncidentId);
        if (incident is null) return new Outcome<Incident>.NotFound();
        // A case no longer waiting for verification (moved by Dispatch meanwhile) cannot take the answer: the link is spent.
        if (incident.Status != IncidentStatus.Resolved)
        {
            await ReturnVisitStore.VoidOpenAsync(uow, incident.Id, "no-longer-resolved");
            return Spent(ReturnVisitRefusal.Voided);
        }

        var answer = command.Satisfaction!.Value;
        var comment = command.Comment?.Trim() is { Length: > 0 } c ? c : null;
        await ReturnVisitStore.AnswerAsync(uow, visit.Id, answer, comment);
        // One timeline entry, the verification's, in the resident's words: "群众回访：满意；<comment>".
        var verified = await CaseActions.VerifyAsync(uow, incident.Id, ReturnVisit.ResidentActor, ReturnVisit.ResultOf(answer), answer, comment,
            comment is null ? ReturnVisit.Describe(answer) : $"{ReturnVisit.Describe(answer)}；{comment}");
        if (verified is not Outcome<Incident>.Done done)
            throw new InvalidOperationException($"A resolved case refused the resident's verification: {verified}");
        await DashboardProjector.ResidentAnsweredAsync(uow, done.Value, answer);
        return done;
    }

    /// <summary>410: the link was answered, voided or expired; <c>reason</c> says which (the page words it).</summary>
    private static Outcome<Incident> Spent(ReturnVisitRefusal why) =>
        new Outcome<Incident>.Gone(IncidentsTexts.ReturnVisitLink(Codes.Of(why)), new Dictionary<string, object?> { ["reason"] = Codes.Of(why) });
}
