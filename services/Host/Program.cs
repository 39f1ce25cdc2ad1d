using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Hosting;

// All the services this executable can host; configuration (Governance:Services) picks which.
await GovernanceApp.RunAsync(args, [new GridsModule(), new IncidentsModule(), new DispatchModule()]);
