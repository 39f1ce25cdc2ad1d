namespace Governance.Grids.Data;

public sealed class GridsDatabase(DatabaseOptions options) : Database(options)
{
    public override string ServiceName => GridsModule.ServiceName;
}
