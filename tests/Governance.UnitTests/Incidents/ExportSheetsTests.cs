using Governance.Incidents.Exports;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>A sheet full (Excel's 1,048,576 rows; here 3 for the test) goes on on the next sheet, each with its
/// header; the file is read back with MiniExcel's reader. CSV has no sheets and no BOM-less form.</summary>
[TestFixture]
public class ExportSheetsTests
{
    public sealed record Row([property: ExcelColumnName("编号 No")] long No, [property: ExcelColumnName("名称 Name")] string Name);

    private static IEnumerable<Row> Rows(int n)
    {
        for (var i = 1; i <= n; i++) yield return new Row(i, $"第{i}行");
    }

    [TestCase(7, new[] { 3, 3, 1 })]
    [TestCase(6, new[] { 3, 3 })]
    [TestCase(2, new[] { 2 })]
    [TestCase(0, new[] { 0 })]
    public void Rows_past_a_full_sheet_continue_on_the_next(int rows, int[] perSheet)
    {
        using var file = TableFile.Write(ExportFormat.Xlsx, "案件清单", Rows(rows), rowsPerSheet: 3);
        var sheets = file.GetSheetNames();
        Assert.That(sheets, Is.EqualTo(perSheet.Select((_, i) => i == 0 ? "案件清单" : $"案件清单 ({i + 1})").ToList()));
        var seen = new List<long>();
        for (var s = 0; s < sheets.Count; s++)
        {
            var read = file.Query(useHeaderRow: true, sheetName: sheets[s]).Cast<IDictionary<string, object>>().ToList();
            Assert.That(read, Has.Count.EqualTo(perSheet[s]), sheets[s]);
            var header = (IDictionary<string, object>)file.Query(useHeaderRow: false, sheetName: sheets[s]).First();
            Assert.That(header.Values, Is.EqualTo(new[] { "编号 No", "名称 Name" }), "each sheet has the header, an empty one too");
            seen.AddRange(read.Select(r => Convert.ToInt64(r["编号 No"])));
            Assert.That(read.Select(r => r["名称 Name"]), Is.EqualTo(read.Select(r => $"第{Convert.ToInt64(r["编号 No"])}行")));
        }
        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, rows).Select(i => (long)i)), "every row once, in order");
    }

    [Test]
    public void A_csv_file_begins_with_the_UTF8_byte_order_mark_and_quotes_what_needs_it()
    {
        using var file = TableFile.Write(ExportFormat.Csv, "ignored", [new Row(1, "甲,乙\"丙\"\n丁")], rowsPerSheet: 3);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        var bytes = copy.ToArray();
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3),
            Is.EqualTo("\"编号 No\",\"名称 Name\"\r\n1,\"甲,乙\"\"丙\"\"\n丁\"\r\n"));
    }
}
