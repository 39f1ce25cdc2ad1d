using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Data;

/// <summary>Configuration section "Database": the engine the hosted services keep their data in.</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";

    /// <summary>Sqlite (standalone, the default), Postgres or SqlServer; checked at start.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    public DatabaseProvider Kind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);

    public static bool IsKnown(string? provider) =>
        Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(provider, out _);

    public sealed class Validator : IValidateOptions<DatabaseSettings>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseSettings settings) => IsKnown(settings.Provider)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Database:Provider '{settings.Provider}' is not one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
    }
}

/// <summary>"ConnectionStrings:{service}": where one hosted service keeps its data (named options, by service).</summary>
public sealed class ServiceConnection
{
    public string? ConnectionString { get; set; }
}
