using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// Who is acting, for the timeline and audit: the signed-in user (the token's subject). Only when
/// authentication is switched off does the caller name himself in the X-User header.
/// </summary>
public static class Actor
{
    public const string Header = "X-User";

    public static string Of(HttpContext context) => Security.Caller.Of(context).Id;

    internal static string FromHeader(HttpContext context)
    {
        var value = context.Request.Headers[Header].ToString().Trim();
        return value.Length is > 0 and <= 100 && !value.Any(char.IsControl) ? value : "anonymous";
    }
}
