namespace Governance.Dispatch.Data;

public sealed class DispatchDatabase(DatabaseOptions options) : Database(options)
{
    public override string ServiceName => DispatchModule.ServiceName;
}
