using System.Globalization;

namespace Governance.Incidents.Model;

/// <summary>
/// The reasons the system writes on a timeline, as codes and the values they name (<see cref="CodedReason"/>), so
/// that the pages say them in their language (issue #17: the zh-CN timeline showed "policy v1", "not-solved",
/// "casualty and loss figures cross an Order 493 band"). <see cref="English"/> renders each as the API always said
/// it; the web's text tables (services/Web/src/reasons.ts) say it in both languages, and a unit test checks that
/// they know every code listed here.
/// </summary>
public static class TimelineReasons
{
    public const string PolicyVersion = "policy-version";
    public const string Escalation = "escalation";
    public const string Verification = "verification";
    public const string Regrade = "regrade";
    public const string CasualtiesFigures = "casualties";
    public const string MediationScheduled = "mediation-scheduled";
    public const string MediationNoAgreement = "mediation-no-agreement";
    public const string Warning = "warning";
    public const string OverdueFlag = "overdue-flag";
    public const string WeekdaysOnlyYear = "weekdays-only-year";
    public const string NotifiedAbove = "notified-above";
    public const string Departments = "departments";
    public const string ByDepartment = "by-department";
    /// <summary>Another case (possible duplicate, merged into or from): the pages show its title.</summary>
    public const string OtherCase = "other-case";

    /// <summary>Why a case was re-graded when casualty figures cross a band (the English the message carries too).</summary>
    public const string Order493BandEnglish = "casualty and loss figures cross an Order 493 band";

    /// <summary>Every fixed code a part of these reasons may have. Parts also carry the wire codes of <see cref="PartEnums"/>
    /// (Model does no code mapping of its own: the handlers pass <c>Codes.Of(…)</c>).</summary>
    public static IReadOnlyList<string> PartCodes { get; } =
    [
        "version", "note", "grade-change", "order-493-band", "deaths", "seriously-injured", "direct-loss", "at", "mediators", "parties",
        "flagged-to", "year", "grade", "lead", "co-handler", "department", "department-late", "case",
    ];

    /// <summary>The enums whose codes stand as a part of their own (an escalation's reason, a verification's result, …).</summary>
    public static IReadOnlyList<Type> PartEnums { get; } = [typeof(EscalationReason), typeof(VerificationResult), typeof(WarningLevel), typeof(DeadlineKind)];

    public static CodedReason Policy(int version) => new(PolicyVersion, [new("version", Value: Invariant(version))]);

    /// <param name="reason">An <see cref="EscalationReason"/>'s code.</param>
    public static CodedReason Escalated(string reason, string? note) => new(Escalation, WithNote(reason, note));

    /// <param name="result">A <see cref="VerificationResult"/>'s code.</param>
    public static CodedReason Verified(string result, string? comment) => new(Verification, WithNote(result, comment));

    /// <param name="from">The grade's code before (Roman).</param>
    public static CodedReason Regraded(string from, string to, string reason) => new(Regrade,
    [
        new("grade-change", from, to),
        reason == Order493BandEnglish ? new("order-493-band") : new("note", Value: reason),
    ]);

    public static CodedReason Casualties(Casualties f) => new(CasualtiesFigures,
        [new("deaths", Value: Invariant(f.Deaths)), new("seriously-injured", Value: Invariant(f.SeriouslyInjured)), new("direct-loss", Value: Invariant(f.DirectLossYuan))]);

    public static CodedReason Mediation(DateTimeOffset at, IEnumerable<string> mediators, IEnumerable<string> parties) => new(MediationScheduled,
        [new("at", At: at.ToUniversalTime()), new("mediators", Value: string.Join("、", mediators)), new("parties", Value: string.Join("、", parties))]);

    public static CodedReason NoAgreement() => new(MediationNoAgreement, []);

    public static CodedReason Card(string level) => new(Warning, [new(level)]);

    /// <param name="clock">A <see cref="DeadlineKind"/>'s code.</param>
    /// <param name="tier">The tier's code the flag went to.</param>
    public static CodedReason Flagged(string clock, string tier, string unitCode) => new(OverdueFlag,
        [new(clock), new("flagged-to", tier, unitCode)]);

    public static CodedReason WeekdaysOnly(int year) => new(WeekdaysOnlyYear, [new("year", Value: Invariant(year))]);

    public static CodedReason Notified(string grade) => new(NotifiedAbove, [new("grade", Value: grade)]);

    public static CodedReason Called(string lead, IEnumerable<(string Department, DateTimeOffset DueAt)> coHandlers) => new(Departments,
        [new("lead", Value: lead), .. coHandlers.Select(c => new CodedReason.Part("co-handler", Value: c.Department, At: c.DueAt.ToUniversalTime()))]);

    public static CodedReason Department(string department, bool late = false, string? note = null) =>
        new(ByDepartment, note is null ? [new(late ? "department-late" : "department", Value: department)]
            : [new(late ? "department-late" : "department", Value: department), new("note", Value: note)]);

    public static CodedReason Case(Guid other) => new(OtherCase, [new("case", Value: other.ToString())]);

    /// <summary>The English the API gives in <c>reason</c> (as before the codes); null for a code not listed here.</summary>
    public static string? English(CodedReason r) => r.Code switch
    {
        PolicyVersion => $"policy v{Value(r, "version")}",
        Escalation or Verification => Joined(r),
        Regrade => $"{r.Parts[0].Field} → {r.Parts[0].Value}: {(r.Parts[1].Code == "order-493-band" ? Order493BandEnglish : r.Parts[1].Value)}",
        CasualtiesFigures => $"deaths {Value(r, "deaths")}, seriously injured {Value(r, "seriously-injured")}, direct loss ¥{Value(r, "direct-loss")}",
        MediationScheduled => $"{Utc(r.Parts[0].At)}; mediators {Value(r, "mediators")}; parties {Value(r, "parties")}",
        MediationNoAgreement => "no agreement: to the township justice office (司法所)",
        Warning => r.Parts[0].Code,
        OverdueFlag => $"{r.Parts[0].Code} deadline missed; 超期预警 → {r.Parts[1].Field} {r.Parts[1].Value}",
        WeekdaysOnlyYear or OtherCase => r.Parts[0].Value,
        NotifiedAbove => $"grade {Value(r, "grade")}",
        Departments => $"lead {Value(r, "lead")}" + (r.Parts.Count == 1 ? ""
            : "; co-handlers " + string.Join(", ", r.Parts.Skip(1).Select(p => $"{p.Value} by {Utc(p.At)}"))),
        ByDepartment => r.Parts[0].Value + (r.Parts[0].Code == "department-late" ? " (late)" : "") + (r.Parts.Count > 1 ? $": {r.Parts[1].Value}" : ""),
        _ => null,
    };

    private static IReadOnlyList<CodedReason.Part> WithNote(string code, string? note) =>
        note is null ? [new(code)] : [new(code), new("note", Value: note)];

    private static string Joined(CodedReason r) => r.Parts.Count > 1 ? $"{r.Parts[0].Code}: {r.Parts[1].Value}" : r.Parts[0].Code;

    private static string? Value(CodedReason r, string part) => r.Parts.FirstOrDefault(p => p.Code == part)?.Value;

    private static string Utc(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z" : "";

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
