using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// The language a request's problems are said in (issue #17): Chinese (zh-CN) unless its Accept-Language asks
/// for English (en, en-US, …) first. Only the UI culture changes: numbers and dates are formatted as before,
/// whatever the caller speaks. Shared with the gateway (linked there), whose own problems (an unknown path, a
/// service it cannot reach) follow the same rule; the services' pass through it untouched.
/// </summary>
public static class Languages
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddGovernanceLanguages(this IServiceCollection services)
    {
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var formatting = CultureInfo.CurrentCulture; // the process's, as before: language is not formatting
            o.DefaultRequestCulture = new RequestCulture(formatting, Chinese);
            o.SupportedCultures = [formatting];
            o.SupportedUICultures = [Chinese, English];
            // Only the header: a ?culture= query or a cookie would be one more way to ask, and the API's
            // query parameters are its own.
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
            o.ApplyCurrentCultureToResponseHeaders = true; // Content-Language says which one was chosen
        });
        // The problems ASP.NET Core makes itself (a bare 404, 405, 415, …) get their titles in the caller's language.
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails += c => ProblemTexts.TranslateFrameworkTitle(c));
        return services;
    }

    /// <summary>Before anything that may answer a problem (the exception handler, status-code pages, endpoints).</summary>
    public static IApplicationBuilder UseGovernanceLanguages(this IApplicationBuilder app) => app.UseRequestLocalization();
}
