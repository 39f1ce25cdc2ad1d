namespace Governance.Incidents.Data;

public sealed class IncidentsDatabase(DatabaseOptions options) : Database(options)
{
    public override string ServiceName => IncidentsModule.ServiceName;
}
