using Governance.Infrastructure.Data;
using NUnit.Framework;

namespace Governance.UnitTests.Data;

[TestFixture]
public class BulkInsertTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(6)]
    [TestCase(9)]
    [TestCase(14)]
    public void A_statement_stays_within_SQL_Servers_limits_of_1000_rows_and_2100_parameters(int columns)
    {
        var rows = BulkInsert.RowsPerStatement(columns);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.InRange(1, 1000));
            Assert.That(rows * columns, Is.LessThanOrEqualTo(2100));
        });
    }

    [Test]
    public void A_statement_lists_one_parameter_per_value_row_by_row()
    {
        Assert.That(BulkInsert.Statement("t", ["a", "b"], 2), Is.EqualTo("INSERT INTO t (a, b) VALUES (@p0, @p1), (@p2, @p3)"));
    }
}
