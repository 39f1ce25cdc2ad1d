using System.ComponentModel.DataAnnotations;

namespace Governance.Incidents.Open311;

/// <summary>
/// Configuration section "Open311". AcceptDemoKey lets api_key=demo file: unset, it follows the demo sign-in
/// (Auth:DevTokens: the standalone demo takes it, a Host whose people sign in with passwords does not — the outside
/// probe of #18 filed through a real township's Host with it); distributed: false, keys are issued per client system. Contact, KeyService and
/// PublicUrl fill the discovery document; PublicUrl is the address clients use (behind the gateway
/// the request's own host is the service's, not the public one).
/// </summary>
public sealed class Open311Settings : IValidatableObject
{
    public const string Section = "Open311";

    public bool? AcceptDemoKey { get; set; }
    public string Contact { get; set; } = "区县治理中心 (the county command centre that runs this system)";
    public string KeyService { get; set; } = "API keys are issued per client system by the county command centre.";
    public string? PublicUrl { get; set; }

    /// <summary><see cref="PublicUrl"/> without a trailing slash; null when it is not set.</summary>
    public string? PublicRoot => string.IsNullOrWhiteSpace(PublicUrl) ? null : PublicUrl.TrimEnd('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (PublicRoot is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult($"Open311:PublicUrl '{PublicUrl}' must be an absolute http(s) address.", [nameof(PublicUrl)]);
    }
}
