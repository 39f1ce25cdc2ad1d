namespace Governance.Infrastructure.Messaging;

/// <summary>A message refers to something this service has not heard of yet (a unit whose
/// announcement is still on its way, a case whose filing is not processed yet). Retried: the
/// missing message usually lands within moments.</summary>
public sealed class ArrivedTooEarlyException(string message) : Exception(message);
