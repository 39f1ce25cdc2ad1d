using System.Text.Json.Serialization;

namespace Governance.Contracts;

/// <summary>
/// An enum on the wire as its code and only its code (<see cref="JsonStringEnumMemberNameAttribute"/>): a number, or
/// a number in a string, is refused as any unknown code is. System.Text.Json's own converter takes numbers by
/// default — the outside probe saved a routing rule with <c>"category": 999</c> and <c>"grade": 3</c> (read as III),
/// which the settings page then showed as "any" — so every enum of the vocabulary uses this one.
/// </summary>
public sealed class CodeConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
