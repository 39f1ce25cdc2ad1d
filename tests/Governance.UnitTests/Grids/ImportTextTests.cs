using System.Text;
using Governance.Grids.Import;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>Files in the encodings counties save: UTF-8 with or without BOM, GB18030/GBK from Excel,
/// and bytes that fit neither named by row. The byte sequences are written out by hand.</summary>
[TestFixture]
public class ImportTextTests
{
    // "李村": UTF-8 E6 9D 8E E6 9D 91; GBK/GB18030 C0 EE B4 E5.
    private static readonly byte[] LiCunUtf8 = [0xE6, 0x9D, 0x8E, 0xE6, 0x9D, 0x91];
    private static readonly byte[] LiCunGbk = [0xC0, 0xEE, 0xB4, 0xE5];

    private static byte[] File(params object[] parts) =>
        parts.SelectMany(p => p is string s ? Encoding.ASCII.GetBytes(s) : (byte[])p).ToArray();

    private static Dictionary<string, string[]> ErrorsOf(Governance.Infrastructure.Hosting.FieldErrors errors) =>
        errors.ToProblem().ProblemDetails.Errors.ToDictionary(e => e.Key, e => e.Value);

    [Test]
    public void UTF_8_is_read_with_or_without_a_byte_order_mark()
    {
        var plain = File("code,name\r\n1,", LiCunUtf8, "\r\n");
        var withBom = File(new byte[] { 0xEF, 0xBB, 0xBF }, "code,name\r\n1,", LiCunUtf8, "\r\n");
        Assert.That(ImportText.DecodeCsv(plain, null).Text, Is.EqualTo("code,name\r\n1,李村\r\n"));
        Assert.That(ImportText.DecodeCsv(withBom, null).Text, Is.EqualTo("code,name\r\n1,李村\r\n"));
    }

    [Test]
    public void What_Chinese_Excel_saves_is_read_as_GB18030_without_being_asked()
    {
        Assert.That(ImportText.DecodeCsv(File("code,name\r\n1,", LiCunGbk, "\r\n"), null).Text, Is.EqualTo("code,name\r\n1,李村\r\n"));
        Assert.That(ImportText.DecodeCsv(File("code,name\r\n1,", LiCunGbk), "GBK").Text, Is.EqualTo("code,name\r\n1,李村"));
    }

    [Test]
    public void Bytes_that_fit_neither_encoding_are_named_by_their_row_and_nothing_is_decoded()
    {
        // Row 0 is fine; row 1 holds 0xFF, which neither UTF-8 nor GB18030 has; a quoted line break in
        // row 0 makes row 1 start on line 4.
        var file = File("code,name\n1,\"", LiCunUtf8, "\n", LiCunUtf8, "\"\n2,", new byte[] { 0xFF }, "x\n");
        var (text, errors) = ImportText.DecodeCsv(file, null);
        Assert.That(text, Is.Null);
        var named = ErrorsOf(errors);
        Assert.That(named.Keys, Is.EquivalentTo(new[] { "rows[1]" }));
        Assert.That(named["rows[1]"][0], Does.Contain("Line 4 is neither valid UTF-8 nor GB18030"));
    }

    [Test]
    public void UTF_8_sent_as_GBK_is_refused_rather_than_stored_as_mojibake_when_its_bytes_do_not_fit()
    {
        // E6 9D 8E E6 9D 91 as GB18030: E69D is a character, 8E E6 another, 9D 91 another, all valid;
        // the trailing lone 0x8E before the line end is not.
        var (text, errors) = ImportText.DecodeCsv(File("code,name\n1,", LiCunUtf8, new byte[] { 0x8E }, "\n"), "gbk");
        Assert.That(text, Is.Null);
        Assert.That(ErrorsOf(errors).Keys, Is.EquivalentTo(new[] { "rows[0]" }));
    }

    [Test]
    public void An_encoding_we_do_not_read_is_named()
    {
        var (text, errors) = ImportText.DecodeCsv(File("code,name\n"), "big5");
        Assert.That(text, Is.Null);
        Assert.That(ErrorsOf(errors).Keys, Is.EquivalentTo(new[] { "encoding" }));
    }

    [Test]
    public void GeoJSON_is_UTF_8_only()
    {
        Assert.That(ImportText.DecodeUtf8(File("{\"name\":\"", LiCunUtf8, "\"}")).Text, Is.EqualTo("{\"name\":\"李村\"}"));
        Assert.That(ErrorsOf(ImportText.DecodeUtf8(File("{\"name\":\"", LiCunGbk, "\"}")).Errors).Keys, Is.EquivalentTo(new[] { "body" }));
    }
}
