using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Dispatch.Routing;

/// <summary>
/// <see cref="TierDeadlines"/> on the wire: an object keyed by tier codes, each once, exactly as written. Read as a
/// record, its keys matched any case and ignored the unknown, so <c>"VILLAGE": "1d"</c> beside <c>"village": "3d"</c>
/// quietly replaced the village's deadline and <c>"grid"</c> vanished (the outside probe). A key that is no tier, or a
/// tier given twice, is a <see cref="CodeJsonException"/> naming that key, and a value that is no duration names its key
/// too (<see cref="KeyedJsonException"/>); a tier left out reads as no time at all,
/// which <see cref="PolicyValidation"/> refuses naming it.
/// </summary>
public sealed class TierDeadlinesJsonConverter : JsonConverter<TierDeadlines>
{
    private static readonly DurationJsonConverter Duration = new();

    public override TierDeadlines Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException();
        var found = new Dictionary<Tier, TimeSpan>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (!CodeConverter<Tier>.ByCode.TryGetValue(key, out var tier) || found.ContainsKey(tier))
                throw new CodeJsonException(CodeConverter<Tier>.List, key);
            reader.Read();
            try { found[tier] = Duration.Read(ref reader, typeof(TimeSpan), options); }
            catch (JsonException bad) when (bad is not KeyedJsonException) { throw new KeyedJsonException(key, bad.Message); }
        }
        TimeSpan On(Tier tier) => found.GetValueOrDefault(tier);
        return new TierDeadlines(On(Tier.Courtyard), On(Tier.Village), On(Tier.Township), On(Tier.County));
    }

    public override void Write(Utf8JsonWriter writer, TierDeadlines value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (code, tier) in CodeConverter<Tier>.ByCode)
        {
            writer.WritePropertyName(code);
            Duration.Write(writer, value.For(tier), options);
        }
        writer.WriteEndObject();
    }
}
