namespace Governance.Incidents.Handling;

/// <summary>A case's state does not admit the action: a conflict that names the state as <c>caseStatus</c>
/// (never a second <c>status</c>, which RFC 9457 keeps for the HTTP status).</summary>
public static class CaseRefusal
{
    public static Outcome<Incident> NotAllowed(IncidentStatus status, string why) => NotAllowed<Incident>(status, why);

    public static Outcome<T> NotAllowed<T>(IncidentStatus status, string why) =>
        new Outcome<T>.Conflict(why, Naming(status));

    /// <summary>The problem extension that names the case's state.</summary>
    public static IReadOnlyDictionary<string, object?> Naming(IncidentStatus status) =>
        new Dictionary<string, object?> { ["caseStatus"] = Codes.Of(status) };
}
