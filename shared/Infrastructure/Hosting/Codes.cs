using Governance.Contracts;

namespace Governance.Infrastructure.Hosting;

/// <summary>The stable codes of the vocabulary enums (the names their JSON attributes give them, as the JSON converter
/// reads them: <see cref="CodeConverter{TEnum}"/>), for parsing request fields and query strings with a clear error
/// instead of a binding failure.</summary>
public static class Codes
{
    public static bool TryParse<TEnum>(string? code, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return code is not null && CodeConverter<TEnum>.ByCode.TryGetValue(code, out value);
    }

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => CodeConverter<TEnum>.Code(value);

    /// <summary>All codes, for an error message that tells the client what is allowed.</summary>
    public static string List<TEnum>() where TEnum : struct, Enum => CodeConverter<TEnum>.List;
}
