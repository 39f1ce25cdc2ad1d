using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Governance.Infrastructure.Hosting;

/// <summary>The stable codes of the vocabulary enums (the names their JSON attributes give them),
/// for parsing request fields and query strings with a clear error instead of a binding failure.</summary>
public static class Codes
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, object>> ByType = new();

    public static bool TryParse<TEnum>(string? code, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (code is null || !Map<TEnum>().TryGetValue(code, out var found)) return false;
        value = (TEnum)found;
        return true;
    }

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Map<TEnum>().First(p => p.Value.Equals(value)).Key;

    /// <summary>All codes, for an error message that tells the client what is allowed.</summary>
    public static string List<TEnum>() where TEnum : struct, Enum => string.Join(", ", Map<TEnum>().Keys);

    private static IReadOnlyDictionary<string, object> Map<TEnum>() where TEnum : struct, Enum =>
        ByType.GetOrAdd(typeof(TEnum), type => type.GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(
            f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name,
            f => f.GetValue(null)!, StringComparer.Ordinal));
}
