using Governance.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Sms;

/// <summary>Registers the system's SMS gateway, as configuration ("Sms:Gateway") picks it.</summary>
public static class SmsSetup
{
    public static IServiceCollection AddSmsGateway(this IServiceCollection services)
    {
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsOptions>, SmsOptionsValidator>());
        services.AddWebhookClient(HttpSmsGateway.ClientName, "Governance-Sms/1.0");
        services.TryAddSingleton<DemoSmsOutbox>();
        services.TryAddSingleton<HttpSmsGateway>();
        services.TryAddSingleton<ISmsGateway>(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value.Gateway switch
        {
            SmsOptions.Http => sp.GetRequiredService<HttpSmsGateway>(),
            SmsOptions.Off => new NoSmsGateway(),
            _ => sp.GetRequiredService<DemoSmsOutbox>(),
        });
        return services;
    }
}
