using System.Net;
using Governance.Infrastructure.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Dispatch.Notices;

/// <summary>Registration of notices (分级分类推送) in the Dispatch service.</summary>
public static class NoticesSetup
{
    public static void AddNotices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NoticeOptions>().BindConfiguration("Dispatch:Notices").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(NoticeHttp.ClientName, client =>
            {
                // Polly's time limits govern; the client's own would cut across them.
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Governance-Notices/1.0");
            })
            // A webhook that redirects is misconfigured: show it as a failure rather than follow it
            // (a POST followed as a GET would be lost silently).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        builder.Services.AddSingleton<NoticeQueue>();
        builder.Services.AddSingleton<NoticeHttp>();
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
