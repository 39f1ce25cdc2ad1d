using Governance.Grids.Import;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

[TestFixture]
public class CsvTests
{
    private static readonly string[] Required = ["code", "name"];
    private static readonly string[] Optional = ["parentCode"];

    private static Dictionary<string, string[]> ErrorsOf(Governance.Infrastructure.Hosting.FieldErrors errors) =>
        errors.ToProblem().ProblemDetails.Errors.ToDictionary(e => e.Key, e => e.Value);

    [Test]
    public void A_header_names_the_columns_in_any_case_and_order_and_rows_are_numbered_from_zero()
    {
        var (rows, errors) = Csv.Parse("Name,CODE\r\n龙山村,500101001001\r\n白水村,500101001002\r\n", Required, Optional);
        Assert.Multiple(() =>
        {
            Assert.That(errors.Any, Is.False);
            Assert.That(rows.Select(r => (r.Index, r.Line, r["code"], r["name"])),
                Is.EqualTo(new[] { (0, 2, "500101001001", "龙山村"), (1, 3, "500101001002", "白水村") }));
            Assert.That(rows[0]["parentCode"], Is.Null);
            Assert.That(rows[1].Prefix, Is.EqualTo("rows[1]."));
        });
    }

    [Test]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_a_byte_order_mark_is_ignored()
    {
        var (rows, errors) = Csv.Parse("\uFEFFcode,name\n1,\"张家院, \"\"老\"\"院\"\n2,\"两行\n名字\"\n\n3,x", Required, Optional);
        Assert.Multiple(() =>
        {
            Assert.That(errors.Any, Is.False);
            Assert.That(rows.Select(r => r["name"]), Is.EqualTo(new[] { "张家院, \"老\"院", "两行\n名字", "x" }));
            Assert.That(rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 3, 6 }));
        });
    }

    [Test]
    public void A_missing_or_unknown_column_is_an_error_of_the_header()
    {
        var (_, errors) = Csv.Parse("code,colour\n1,red", Required, Optional);
        var messages = ErrorsOf(errors)["header"];
        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Some.Contains("Unknown column 'colour'"));
            Assert.That(messages, Has.Some.Contains("Column 'name' is missing"));
        });
    }

    [Test]
    public void A_row_with_the_wrong_number_of_fields_is_named_by_its_index()
    {
        var (_, errors) = Csv.Parse("code,name\n1,a\n2\n3,c", Required, Optional);
        Assert.That(ErrorsOf(errors).Keys, Is.EqualTo(new[] { "rows[1]" }));
    }

    [Test]
    public void An_unclosed_quote_or_an_empty_file_is_an_error_of_the_body()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(Csv.Parse("code,name\n1,\"open", Required, Optional).Errors).Keys, Is.EqualTo(new[] { "body" }));
            Assert.That(ErrorsOf(Csv.Parse("", Required, Optional).Errors).Keys, Is.EqualTo(new[] { "body" }));
        });
    }
}
