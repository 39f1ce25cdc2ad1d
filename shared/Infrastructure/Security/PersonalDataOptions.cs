using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Security;

/// <summary>
/// The keys that seal personal data at rest (configuration "PersonalData"): residents' names and phone
/// numbers. Several keys for rotation: new data is sealed with <see cref="CurrentKeyId"/>, data sealed
/// with an older key stays readable as long as that key is listed (deploy/README.md, "Rotating keys").
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>Key id → 32 random bytes, base64 (e.g. <c>openssl rand -base64 32</c>). An empty value
    /// removes a key listed by a settings file below (configuration merges dictionaries, it cannot delete):
    /// the distributed settings blank the standalone demo key that way.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    public IEnumerable<KeyValuePair<string, string>> Listed => Keys.Where(k => !string.IsNullOrEmpty(k.Value));

    public string? CurrentKeyId { get; set; }
}

/// <summary>Refuses to start without a usable current key: a service that stores callers' numbers in
/// the clear, or cannot read them back, must not serve.</summary>
/// <param name="configuration">Whether the demo sign-in is on (Auth:DevTokens): only then is the public demo key accepted.</param>
public sealed class PersonalDataOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<PersonalDataOptions>
{
    public const int KeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CurrentKeyId))
            failures.Add("PersonalData:CurrentKeyId is not set: give the service a key to seal residents' contacts, e.g. " +
                "PersonalData__Keys__k1=$(openssl rand -base64 32) and PersonalData__CurrentKeyId=k1.");
        else if (!options.Listed.Any(k => k.Key == options.CurrentKeyId))
            failures.Add($"PersonalData:CurrentKeyId '{options.CurrentKeyId}' is not among PersonalData:Keys.");
        foreach (var (id, key) in options.Listed)
            if (id.Contains(':') || !IsKey(key))
                failures.Add($"PersonalData:Keys:{id} must be {KeyBytes} bytes in base64 (openssl rand -base64 32), under an id without ':'.");
            else if (id == options.CurrentKeyId && DemoKeys.IsPersonalDataKey(key) && !DemoSignIn(configuration))
                failures.Add($"PersonalData:Keys:{id} is the public demo key: {DemoKeys.Advice}, e.g. PersonalData__Keys__k1=$(openssl rand -base64 32) and PersonalData__CurrentKeyId=k1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Whether the demo sign-in is on (Auth:DevTokens; a value that is not a boolean is the auth check's to refuse).</summary>
    private static bool DemoSignIn(IConfiguration? configuration) =>
        configuration is null || !bool.TryParse(configuration["Auth:DevTokens"], out var on) || on;

    private static bool IsKey(string base64)
    {
        var buffer = new byte[KeyBytes + 3];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length == KeyBytes;
    }
}

public static class PersonalDataSetup
{
    /// <summary>The sealer, its keys bound from "PersonalData" and checked before the host serves (exit 78 when unusable).</summary>
    public static IServiceCollection AddPersonalDataSealer(this IServiceCollection services)
    {
        services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>());
        services.TryAddSingleton<PersonalDataSealer>();
        return services;
    }
}
