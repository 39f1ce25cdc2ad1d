using Microsoft.Extensions.Configuration;

namespace Governance.Incidents.Open311;

/// <summary>
/// Configuration section "Open311". AcceptDemoKey lets api_key=demo file (standalone: true in
/// appsettings.json; distributed: false, keys are issued per client system). Contact, KeyService and
/// PublicUrl fill the discovery document; PublicUrl is the address clients use (behind the gateway
/// the request's own host is the service's, not the public one).
/// </summary>
public sealed record Open311Settings(bool AcceptDemoKey, string Contact, string KeyService, string? PublicUrl)
{
    public const string Section = "Open311";

    public static Open311Settings Of(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new Open311Settings(
            section.GetValue("AcceptDemoKey", false),
            section["Contact"] ?? "区县治理中心 (the county command centre that runs this system)",
            section["KeyService"] ?? "API keys are issued per client system by the county command centre.",
            string.IsNullOrWhiteSpace(section["PublicUrl"]) ? null : section["PublicUrl"]!.TrimEnd('/'));
    }
}
