using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Governance.Dispatch.Routing;

/// <summary>
/// Deadlines written the way a county administrator says them: "3d", "24h", "1d12h", "90s".
/// Units: d (days), h (hours), m (minutes), s (seconds).
/// </summary>
public static partial class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        long Part(string name) => match.Groups[name].Success ? long.Parse(match.Groups[name].Value) : 0;
        try
        {
            value = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
        }
        catch (OverflowException)
        {
            return false;
        }
        return value > TimeSpan.Zero;
    }

    public static string Format(TimeSpan value)
    {
        var text = new StringBuilder();
        if (value.Days > 0) text.Append(value.Days).Append('d');
        if (value.Hours > 0) text.Append(value.Hours).Append('h');
        if (value.Minutes > 0) text.Append(value.Minutes).Append('m');
        if (value.Seconds > 0 || text.Length == 0) text.Append(value.Seconds).Append('s');
        return text.ToString();
    }

    // [0-9], not \d: \d also matches full-width and other Unicode digits, which long.Parse refuses.
    [GeneratedRegex(@"^(?:(?<d>[0-9]{1,4})d)?(?:(?<h>[0-9]{1,5})h)?(?:(?<m>[0-9]{1,6})m)?(?:(?<s>[0-9]{1,7})s)?$")]
    private static partial Regex Pattern();
}

/// <summary>Reads and writes a TimeSpan as a <see cref="Duration"/> text.</summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && Duration.TryParse(reader.GetString(), out var value))
            return value;
        throw new JsonException("Expected a positive duration such as \"3d\", \"24h\", \"1d12h\" or \"90s\".");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Duration.Format(value));
}

/// <summary>The same for an optional deadline.</summary>
public sealed class OptionalDurationJsonConverter : JsonConverter<TimeSpan?>
{
    private static readonly DurationJsonConverter Inner = new();

    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(TimeSpan), options);

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else Inner.Write(writer, value.Value, options);
    }
}
