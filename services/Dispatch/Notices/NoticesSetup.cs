using Governance.Infrastructure.Webhooks;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Dispatch.Notices;

/// <summary>Registration of notices (分级分类推送) in the Dispatch service.</summary>
public static class NoticesSetup
{
    public static void AddNotices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NoticeOptions>().BindConfiguration("Dispatch:Notices").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddWebhookClient(NoticeSender.ClientName, "Governance-Notices/1.0",
            sp => sp.GetRequiredService<IOptions<NoticeOptions>>().Value.Destinations);
        builder.Services.AddSingleton<NoticeQueue>();
        builder.Services.AddSingleton<NoticeSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NoticeSender>());
    }

    public static void AddNoticeConsumers(this IBusRegistrationConfigurator bus, string service)
    {
        bus.AddServiceConsumer<RoutedNoticeConsumer>(service);
        bus.AddServiceConsumer<EscalatedNoticeConsumer>(service);
        bus.AddServiceConsumer<ReturnedNoticeConsumer>(service);
        bus.AddServiceConsumer<WarningNoticeConsumer>(service);
        bus.AddServiceConsumer<FlaggedOverdueNoticeConsumer>(service);
        bus.AddServiceConsumer<SupervisedNoticeConsumer>(service);
    }
}
