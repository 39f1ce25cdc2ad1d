using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// The host's own settings, each bound to its options class and checked before anything is served
/// (ValidateOnStart, run by <see cref="Validate"/> as the host is built): a missing or short signing
/// key, an unknown database provider or a missing connection string stop the start with one line.
/// The services add theirs the same way in their modules.
/// </summary>
public static class HostSettings
{
    public static void AddHostSettings(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth").ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptions.Validator>();
        services.AddOptions<OutboxRelayOptions>().BindConfiguration("Outbox").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GroupCommitOptions>().BindConfiguration("GroupCommit").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseSettings>().BindConfiguration(DatabaseSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseSettings>, DatabaseSettings.Validator>();
    }

    /// <summary>
    /// Runs every ValidateOnStart check now, not when the host starts: migrations and demo data run
    /// between the two (GovernanceApp.InitializeAsync) and must not meet a setting that is wrong.
    /// </summary>
    public static void Validate(WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (InvalidOperationException e)
        {
            // A value the binder could not convert ("Outbox:BatchSize=many"): its message names the key.
            throw new SettingsException(e.Message, e);
        }
    }
}
