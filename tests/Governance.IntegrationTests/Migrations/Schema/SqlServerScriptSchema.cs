using Governance.Infrastructure.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Governance.IntegrationTests.Migrations.Schema;

/// <summary>
/// The schema SQL Server's migrations describe, from Microsoft's T-SQL parser (ScriptDom): no SQL Server
/// runs here, so its scripts are read rather than run, statement by statement in order (IF and BEGIN
/// blocks included), following CREATE/ALTER/DROP of tables and indexes.
/// </summary>
public sealed class SqlServerScriptSchema : TSqlFragmentVisitor
{
    private readonly SchemaFacts _facts = new();

    public static SchemaFacts Read(IEnumerable<MigrationTrack> tracks)
    {
        var reader = new SqlServerScriptSchema();
        foreach (var track in tracks)
        foreach (var script in MigrationRunner.ScriptsFor(track, DatabaseProvider.SqlServer))
        {
            var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script.Sql), out var errors);
            if (errors.Count > 0)
                throw new InvalidOperationException($"{track.Name} {script.Version:D4}: line {errors[0].Line}: {errors[0].Message}");
            fragment.Accept(reader);
        }
        return reader._facts;
    }

    public override void ExplicitVisit(CreateTableStatement node)
    {
        var table = node.SchemaObjectName.BaseIdentifier.Value;
        _facts.Table(table);
        AddElements(table, node.Definition);
    }

    public override void ExplicitVisit(AlterTableAddTableElementStatement node) =>
        AddElements(node.SchemaObjectName.BaseIdentifier.Value, node.Definition);

    public override void ExplicitVisit(AlterTableDropTableElementStatement node)
    {
        var table = node.SchemaObjectName.BaseIdentifier.Value;
        foreach (var element in node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column))
            _facts.DropColumn(table, element.Name.Value);
    }

    public override void ExplicitVisit(CreateIndexStatement node) =>
        _facts.Index(node.OnName.BaseIdentifier.Value, node.Name.Value, node.Unique, node.Columns.Select(Key), node.FilterPredicate is not null);

    public override void ExplicitVisit(DropIndexStatement node)
    {
        foreach (var clause in node.DropIndexClauses)
            _facts.DropIndex(clause switch
            {
                DropIndexClause modern => modern.Index.Value,
                BackwardsCompatibleDropIndexClause old => old.Index.BaseIdentifier.Value,
                _ => throw new NotSupportedException(clause.GetType().Name),
            });
    }

    public override void ExplicitVisit(DropTableStatement node)
    {
        foreach (var name in node.Objects) _facts.DropTable(name.BaseIdentifier.Value);
    }

    private void AddElements(string table, TableDefinition definition)
    {
        foreach (var column in definition.ColumnDefinitions)
        {
            _facts.Column(table, column.ColumnIdentifier.Value);
            if (column.Constraints.OfType<NullableConstraintDefinition>().Any(n => !n.Nullable)) _facts.NotNull(table, column.ColumnIdentifier.Value);
            foreach (var constraint in column.Constraints.OfType<UniqueConstraintDefinition>())
                AddConstraint(table, constraint.IsPrimaryKey, [column.ColumnIdentifier.Value]);
            if (column.Index is { } inline) _facts.Index(table, inline.Name.Value, inline.Unique, [column.ColumnIdentifier.Value], inline.FilterPredicate is not null);
        }
        foreach (var constraint in definition.TableConstraints.OfType<UniqueConstraintDefinition>())
            AddConstraint(table, constraint.IsPrimaryKey, constraint.Columns.Select(Key));
        foreach (var index in definition.Indexes)
            _facts.Index(table, index.Name.Value, index.Unique, index.Columns.Select(Key), index.FilterPredicate is not null);
    }

    private void AddConstraint(string table, bool primary, IEnumerable<string> columns)
    {
        if (primary) _facts.PrimaryKey(table, columns);
        else _facts.UniqueConstraint(table, columns);
    }

    private static string Key(ColumnWithSortOrder column) =>
        column.Column.MultiPartIdentifier.Identifiers[^1].Value;
}
