using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// Who is acting, for the timeline and audit. Until sign-in lands (JWT, issue 6) the caller names
/// himself in the X-User header; without it the action is recorded as "anonymous".
/// </summary>
public static class Actor
{
    public const string Header = "X-User";

    public static string Of(HttpContext context)
    {
        var value = context.Request.Headers[Header].ToString().Trim();
        return value.Length is > 0 and <= 100 && !value.Any(char.IsControl) ? value : "anonymous";
    }
}
