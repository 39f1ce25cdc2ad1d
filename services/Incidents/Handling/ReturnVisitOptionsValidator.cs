using System.Net;
using Governance.Infrastructure.Sms;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Handling;

/// <summary>
/// The link base ends in "#", so the token is a fragment no server logs; and when texts really leave (an SMS
/// platform), it is an absolute http(s) address that is not this machine's loopback — a resident's phone
/// cannot open 127.0.0.1, and a relative link means nothing in a text message.
/// </summary>
public sealed class ReturnVisitOptionsValidator(IOptions<SmsOptions> sms) : IValidateOptions<ReturnVisitOptions>
{
    public ValidateOptionsResult Validate(string? name, ReturnVisitOptions o)
    {
        const string setting = ReturnVisitOptions.Section + ":LinkBase";
        if (!o.LinkBase.EndsWith('#'))
            return ValidateOptionsResult.Fail($"{setting} must end with '#' (the token goes after it, where no access log keeps it).");
        if (sms.Value.Gateway != SmsOptions.Http) return ValidateOptionsResult.Success;
        if (!Uri.TryCreate(o.LinkBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return ValidateOptionsResult.Fail($"{setting} must be the resident's page as an absolute http(s) address when Sms:Gateway is 'http', e.g. https://12345.example.gov.cn/return-visit#.");
        if (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))
            return ValidateOptionsResult.Fail($"{setting} points at this machine ({uri.Host}); residents' phones cannot open it.");
        return ValidateOptionsResult.Success;
    }
}
