using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Governance.Incidents.Exports;

/// <summary>
/// Rows cut into sheets of at most <c>rowsPerSheet</c>, for MiniExcel's many-sheet SaveAs: it walks this
/// "dictionary" once, sheet after sheet, and each sheet's rows once, so the next sheet is made only when
/// rows remain and nothing is held beyond the row at hand. Only that walk is supported.
/// </summary>
internal sealed class Sheets<T>(string title, IEnumerable<T> rows, int rowsPerSheet) : IDictionary<string, object>
{
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        using var source = rows.GetEnumerator();
        var pending = source.MoveNext();
        var number = 1;
        // The first sheet even when there are no rows: the header says what the file would hold.
        do
        {
            yield return new(number == 1 ? title : $"{title} ({number})", Take(source, () => pending, more => pending = more));
            number++;
        } while (pending);
    }

    /// <summary>Up to rowsPerSheet rows from the shared enumerator; tells whether one is still pending after them.</summary>
    private IEnumerable<T> Take(IEnumerator<T> source, Func<bool> pending, Action<bool> setPending)
    {
        for (var taken = 0; taken < rowsPerSheet && pending(); taken++)
        {
            yield return source.Current;
            setPending(source.MoveNext());
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The rest of IDictionary: never used by the writer.
    public object this[string key] { get => throw Unsupported(); set => throw Unsupported(); }
    public ICollection<string> Keys => throw Unsupported();
    public ICollection<object> Values => throw Unsupported();
    public int Count => throw Unsupported();
    public bool IsReadOnly => true;
    public void Add(string key, object value) => throw Unsupported();
    public void Add(KeyValuePair<string, object> item) => throw Unsupported();
    public void Clear() => throw Unsupported();
    public bool Contains(KeyValuePair<string, object> item) => throw Unsupported();
    public bool ContainsKey(string key) => throw Unsupported();
    public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) => throw Unsupported();
    public bool Remove(string key) => throw Unsupported();
    public bool Remove(KeyValuePair<string, object> item) => throw Unsupported();
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => throw Unsupported();
    private static NotSupportedException Unsupported() => new("Sheets<T> is walked once by the XLSX writer, nothing else.");
}
