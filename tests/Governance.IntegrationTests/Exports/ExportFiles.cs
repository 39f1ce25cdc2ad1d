using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.IntegrationTests.Support;
using MiniExcelLibs;

namespace Governance.IntegrationTests.Exports;

/// <summary>An export fetched and opened with a reader: MiniExcel's for XLSX, its CSV reader for CSV (after
/// checking the UTF-8 byte-order mark Excel needs to show Chinese).</summary>
public static class ExportFiles
{
    public sealed record Table(IReadOnlyList<string> Sheets, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, IReadOnlyList<string> Header);

    public static async Task<Table> GetAsync(HttpClient http, string url, AuthenticationHeaderValue? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = token;
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), System.Text.Encoding.UTF8.GetString(bytes));
        var csv = url.Contains("format=csv");
        Assert.That(response.Content.Headers.ContentType?.MediaType,
            Is.EqualTo(csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Does.EndWith(csv ? ".csv" : ".xlsx"));
        using var stream = new MemoryStream(bytes);
        if (csv)
        {
            Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with a byte-order mark");
            return new Table([], Read(stream, ExcelType.CSV, null), Header(stream, ExcelType.CSV, null));
        }
        var sheets = stream.GetSheetNames();
        var rows = sheets.SelectMany(s => Read(stream, ExcelType.XLSX, s)).ToList();
        return new Table(sheets, rows, Header(stream, ExcelType.XLSX, sheets[0]));
    }

    private static List<IReadOnlyDictionary<string, object?>> Read(Stream stream, ExcelType type, string? sheet)
    {
        stream.Position = 0;
        return stream.Query(useHeaderRow: true, sheetName: sheet, excelType: type).Cast<IDictionary<string, object?>>()
            .Select(r => (IReadOnlyDictionary<string, object?>)r.ToDictionary(kv => kv.Key, kv => kv.Value)).ToList();
    }

    private static List<string> Header(Stream stream, ExcelType type, string? sheet)
    {
        stream.Position = 0;
        return stream.Query(useHeaderRow: false, sheetName: sheet, excelType: type).Cast<IDictionary<string, object?>>().First()
            .Values.Select(v => v?.ToString() ?? "").ToList();
    }

    /// <summary>A cell as text: XLSX numbers come back as double, CSV cells as strings; empty as "".</summary>
    public static string Text(this IReadOnlyDictionary<string, object?> row, string column) => row[column] switch
    {
        null => "",
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString()!,
    };

    /// <summary>A JSON value as its cell reads back (<see cref="Text"/>): numbers invariant ("3", "0.6667"), null empty.</summary>
    public static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Number => value.TryGetInt64(out var whole)
            ? whole.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : value.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    /// <summary>The file holds the JSON's items in the JSON's order, one row each, and every listed column holds
    /// the item's property (column header → JSON property name) cell for cell.</summary>
    public static void AssertRowsAre(Table file, IReadOnlyList<JsonElement> items, params (string Column, string Property)[] cells)
    {
        Assert.That(file.Rows, Has.Count.EqualTo(items.Count), "one row per item");
        for (var i = 0; i < items.Count; i++)
        {
            var (row, item) = (file.Rows[i], items[i]);
            Assert.Multiple(() =>
            {
                foreach (var (column, property) in cells)
                    Assert.That(row.Text(column), Is.EqualTo(Cell(item.GetProperty(property))), $"row {i + 1}, {column}");
            });
        }
    }

    /// <summary>A JSON figure as the county officer reads it (200 asserted).</summary>
    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string url)
    {
        var (status, body) = await http.SendJsonAsync(HttpMethod.Get, url, TestTokens.Bearer());
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    /// <summary>A step as the token's person, answered 200 (asserted, with the problem if not).</summary>
    public static async Task PostOkAsync(HttpClient http, string url, object body, AuthenticationHeaderValue token)
    {
        var response = await http.PostAsJsonAsync(url, body, token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{url}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Resolved by a holder and verified solved by a grid worker whose place relation covers the county (not a
    /// holder, not a leader who took it in hand): closed, or verified and waiting for its leader's sign-off.</summary>
    public static async Task CloseAsync(HttpClient http, Guid id, string satisfaction)
    {
        await PostOkAsync(http, $"/incidents/{id}/resolve", new { note = "办结" }, TestTokens.Bearer("handler"));
        await PostOkAsync(http, $"/incidents/{id}/verification", new { result = "solved", satisfaction },
            TestTokens.Bearer("resident", Governance.Infrastructure.Security.Roles.GridWorkerFullTime, Demo.County));
    }

    /// <summary>Files a grade III case at the courtyard and waits until Dispatch has routed it.</summary>
    public static async Task<Guid> FileRoutedAsync(InProcessHost host, string courtyard, string category)
    {
        var filed = await host.FileAsync(courtyard, category, "III");
        await Eventually.GetAsync(() => host.IncidentAsync(filed.Id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
        return filed.Id;
    }
}
