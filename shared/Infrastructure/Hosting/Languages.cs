using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

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
            // Content-Language is said by UseGovernanceLanguages, not here: the framework's option sets the header
            // before the endpoint runs, and the exception handler clears headers before it writes its problem.
        });
        // The problems ASP.NET Core makes itself (a bare 404, 405, 415, …) get their titles in the caller's language.
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails += c => ProblemTexts.TranslateFrameworkTitle(c));
        return services;
    }

    /// <summary>Before anything that may answer a problem (the exception handler, status-code pages, endpoints).</summary>
    public static IApplicationBuilder UseGovernanceLanguages(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(SayLanguage, context);
            return next(context);
        }).UseRequestLocalization();

    /// <summary>
    /// Content-Language (which language was chosen) on every answer, said when its headers go out: whatever wrote
    /// it, and whatever cleared the headers before (the exception handler does, for the problems it writes about a
    /// body it could not read and the 404/403 that come before them). An answer that names its own language (a
    /// service's, passed on by the gateway) keeps it.
    /// </summary>
    private static Task SayLanguage(object state)
    {
        var context = (HttpContext)state;
        if (context.Features.Get<IRequestCultureFeature>() is { } chosen && !context.Response.Headers.ContainsKey(HeaderNames.ContentLanguage))
            context.Response.Headers.ContentLanguage = chosen.RequestCulture.UICulture.Name;
        return Task.CompletedTask;
    }
}
