namespace Governance.Incidents.Open311;

/// <summary>
/// A GeoReport v2 answer, built once and written as XML or JSON. The spec's JSON is a mechanical
/// mapping of its XML (the "Spark convention"): an element of named fields is a JSON object, a list
/// of same-named elements is a JSON array, a text element is a JSON scalar. Building the answer as
/// this small tree keeps the two formats from drifting apart.
/// </summary>
public abstract record Open311Node;

/// <summary>A text element: a string, bool, int, long, double, a time (written as a W3C datetime),
/// or null (an empty element in XML, null in JSON).</summary>
public sealed record Open311Value(object? Value) : Open311Node;

/// <summary>An element of named child elements, in order (a JSON object).</summary>
public sealed record Open311Fields(IReadOnlyList<KeyValuePair<string, Open311Node>> Fields) : Open311Node;

/// <summary>Repeated elements named <paramref name="ItemName"/> inside their parent (a JSON array).</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<Open311Node> Items) : Open311Node;

/// <summary>The whole answer: the XML root element's name and what it holds.</summary>
public sealed record Open311Document(string RootName, Open311Node Root);

/// <summary>Short constructors, so a mapping reads like the spec's field table.</summary>
public static class Doc
{
    /// <summary>Fields from (name, value) pairs; a value is a node or a scalar for <see cref="Open311Value"/>.</summary>
    public static Open311Fields Fields(params (string Name, object? Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, Node(f.Value))).ToList());

    public static Open311List List(string itemName, IEnumerable<object?> items) => new(itemName, items.Select(Node).ToList());

    private static Open311Node Node(object? value) => value as Open311Node ?? new Open311Value(value);
}
