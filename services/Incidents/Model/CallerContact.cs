using Governance.Infrastructure.Security;

namespace Governance.Incidents.Model;

/// <summary>
/// Who called the hotline (or used the app) about a case, as the client system sent it: kept for 先联系后办理
/// and the call-back, sealed at rest, shown whole only to the holder while the case is worked on.
/// </summary>
public sealed record CallerContact(string? Name, string? Phone, string? Email)
{
    public static CallerContact Of(string? firstName, string? lastName, string? phone, string? email) =>
        // Chinese names are family name first; Open311's first_name/last_name come from Western forms.
        new(string.Join("", new[] { lastName, firstName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : null, phone, email);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Name is null && Phone is null && Email is null;

    /// <summary>What everyone else who may read the case sees: "张**", "138****0000".</summary>
    public CallerContact Masked() => new(Masks.Name(Name), Masks.Phone(Phone), Masks.Email(Email));
}
