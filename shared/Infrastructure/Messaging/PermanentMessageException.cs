namespace Governance.Infrastructure.Messaging;

/// <summary>A message that can never be processed as it is (malformed, contradicts the data).
/// Not retried: it goes straight to the endpoint's <c>_error</c> queue, where it can be inspected,
/// fixed and replayed.</summary>
public sealed class PermanentMessageException(string message) : Exception(message);
