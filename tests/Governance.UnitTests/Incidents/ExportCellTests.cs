using Governance.Incidents.Exports;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>What an exported text cell may hold: no formula a spreadsheet would run, no personal number in clear.</summary>
[TestFixture]
public class ExportCellTests
{
    [TestCase("=HYPERLINK(\"http://x\",\"点此\")", "'=HYPERLINK(\"http://x\",\"点此\")")]
    [TestCase("+1+1", "'+1+1")]
    [TestCase("-2+3", "'-2+3")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("\t=1", "'\t=1")]
    [TestCase("\r=1", "'\r=1")]
    [TestCase("路灯不亮 =1", "路灯不亮 =1")]
    [TestCase("", "")]
    public void A_cell_that_would_start_a_formula_begins_with_an_apostrophe(string typed, string written) =>
        Assert.That(CellText.Safe(typed), Is.EqualTo(written));

    [Test]
    public void Nothing_stays_nothing() => Assert.That(CellText.Safe(null), Is.Null);

    [TestCase("联系人电话13812345678，请回电", "联系人电话138****5678，请回电")]
    [TestCase("身份证510102199001011234在场", "身份证5101**********1234在场")]
    [TestCase("身份证51010219900101123X在场", "身份证5101**********123X在场")]
    [TestCase("门牌号12号，面积138123456789平方", "门牌号12号，面积138123456789平方")]
    public void Personal_numbers_in_free_text_are_masked(string typed, string written) =>
        Assert.That(CellText.Free(typed), Is.EqualTo(written));

    [Test]
    public void Free_text_is_masked_and_then_made_safe() =>
        Assert.That(CellText.Free("=13812345678"), Is.EqualTo("'=138****5678"));
}
