using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Contracts;

/// <summary>
/// An enum on the wire as its code (<see cref="JsonStringEnumMemberNameAttribute"/>) and only its code, exactly as
/// written: no number, no number in a string, no other case, no spaces around it. System.Text.Json's own converter
/// takes numbers by default and, failing an exact match, parses leniently (the outside probe saved routing rules with
/// <c>"category": 999</c>, <c>"grade": 3</c> read as III, and <c>"grade": " IV"</c>, while a filing refused the
/// same <c>" IV"</c>). Anything else is a <see cref="CodeJsonException"/> naming the codes allowed. Every enum of the
/// vocabulary uses this one, as values and as dictionary keys.
/// </summary>
public sealed class CodeConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    /// <summary>Each code and the value it stands for, matched ordinally.</summary>
    public static IReadOnlyDictionary<string, TEnum> ByCode { get; } =
        CodeNames.Of(typeof(TEnum)).ToDictionary(p => p.Code, p => (TEnum)p.Value, StringComparer.Ordinal);

    /// <summary>The codes allowed, for a message that tells the client what to send.</summary>
    public static string List { get; } = string.Join(", ", ByCode.Keys);

    private static readonly Dictionary<TEnum, string> CodeOf = ByCode.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The code of a value the enum declares.</summary>
    public static string Code(TEnum value) => CodeOf[value];

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } code && ByCode.TryGetValue(code, out var value)
            ? value
            : throw new CodeJsonException(List);

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var code = reader.GetString() ?? "";
        return ByCode.TryGetValue(code, out var value) ? value : throw new CodeJsonException(List, code);
    }

    /// <summary>A value without a code (a number some older document held) is written as its number, as the
    /// framework's converter did, so reading an old record back never fails on the way out.</summary>
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (CodeOf.TryGetValue(value, out var code)) writer.WriteStringValue(code);
        else writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(CodeOf.TryGetValue(value, out var code) ? code : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>A fault inside an object a converter reads by hand (one keyed by codes): the reader's path stops at the
/// object, so the exception names the key (<see cref="Key"/>) the problem answer adds to the field.</summary>
public class KeyedJsonException(string? key, string message) : JsonException(message)
{
    public string? Key { get; } = key;
}

/// <summary>A code that is none of <see cref="Codes"/>: the problem answer names the field and lists them.</summary>
public sealed class CodeJsonException(string codes, string? key = null) : KeyedJsonException(key, $"Must be one of {codes}.")
{
    public string Codes { get; } = codes;
}

/// <summary>An object whose keys are the codes of <see cref="Codes"/>, each once, with a text value (read by a converter of
/// its own): what the API documents say it is, since a converter hides its shape from the schema generator.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CodeKeyedObjectAttribute(Type codes, string valueDescription) : Attribute
{
    public Type Codes { get; } = codes;
    public string ValueDescription { get; } = valueDescription;
}

/// <summary>An enum's codes in declaration order, each with its value: the name its
/// <see cref="JsonStringEnumMemberNameAttribute"/> gives, else the member's own.</summary>
public static class CodeNames
{
    public static IReadOnlyList<(string Code, object Value)> Of(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, f.GetValue(null)!)).ToList();
}
