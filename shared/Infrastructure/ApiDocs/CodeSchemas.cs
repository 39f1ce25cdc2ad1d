using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Governance.Contracts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Governance.Infrastructure.ApiDocs;

/// <summary>
/// The schemas of what our own converters read: a vocabulary enum (<see cref="CodeConverter{TEnum}"/>) as the list of
/// its codes, an object keyed by codes (<see cref="CodeKeyedObjectAttribute"/>) as its properties. The generator only
/// describes types read by the framework's converters and leaves these as "anything".
/// </summary>
internal sealed class CodeSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsCodeEnum(underlying))
        {
            schema.Type = Nullable.GetUnderlyingType(type) is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Enum = CodesOf(underlying).Select(code => (JsonNode)JsonValue.Create(code)).ToList();
        }
        else if (underlying.GetCustomAttribute<CodeKeyedObjectAttribute>() is { } keyed)
        {
            var codes = CodesOf(keyed.Codes);
            // A property that may be null (acknowledgementDeadlines) says so, as the generator's own wrapper did.
            schema.Type = context.JsonPropertyInfo is { IsSetNullable: true } ? JsonSchemaType.Object | JsonSchemaType.Null : JsonSchemaType.Object;
            schema.Properties = codes.ToDictionary(code => code,
                IOpenApiSchema (_) => new OpenApiSchema { Type = JsonSchemaType.String, Description = keyed.ValueDescription });
            schema.Required = codes.ToHashSet();
            schema.AdditionalPropertiesAllowed = false;
        }
        return Task.CompletedTask;
    }

    private static bool IsCodeEnum(Type type) =>
        type.IsEnum && type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType is { IsGenericType: true } converter
        && converter.GetGenericTypeDefinition() == typeof(CodeConverter<>);

    private static List<string> CodesOf(Type enumType) => CodeNames.Of(enumType).Select(c => c.Code).ToList();
}
