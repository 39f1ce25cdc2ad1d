using System.Text.Json;

namespace Governance.Infrastructure.Outbox;

/// <summary>How outbox rows store message bodies: the same camelCase JSON as the API, enums as
/// their stable codes (the attributes on the contract enums).</summary>
public static class MessageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> ContractTypes = typeof(Contracts.IncidentFiled).Assembly
        .GetExportedTypes().Where(t => t.FullName is not null).ToDictionary(t => t.FullName!);

    public static Type ContractType(string fullName) =>
        ContractTypes.TryGetValue(fullName, out var type)
            ? type
            : throw new InvalidOperationException($"Outbox row of unknown message type '{fullName}'");
}
