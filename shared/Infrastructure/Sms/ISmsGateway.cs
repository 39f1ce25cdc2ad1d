using Governance.Infrastructure.Webhooks;

namespace Governance.Infrastructure.Sms;

/// <summary>
/// The system's one way to send a text message. Configuration picks the gateway (<see cref="SmsOptions.Gateway"/>):
/// the county's SMS platform over HTTP, or the demo outbox. A queue that sends messages (回访 links) keeps
/// its deliveries and retries as webhook queues do and hands each message here.
/// </summary>
public interface ISmsGateway
{
    /// <summary>Sends one message, retrying within the send as the options say (at most
    /// <paramref name="allowedAttempts"/> attempts); how many attempts it made and how the last ended.</summary>
    Task<(int Attempts, AttemptResult Last)> SendAsync(SmsMessage message, int allowedAttempts, CancellationToken ct);

    /// <summary>False when no text can leave ("Sms:Gateway" off): a queue should not even make what a text
    /// would carry (a 回访 link), since nobody but the resident may hold it.</summary>
    bool Sends => true;
}

/// <summary>"Sms:Gateway" = "off": no SMS platform. Every text is refused for good (its delivery shows why), and
/// residents are verified by staff. A county's distributed default until it names its platform.</summary>
public sealed class NoSmsGateway : ISmsGateway
{
    public bool Sends => false;

    public Task<(int Attempts, AttemptResult Last)> SendAsync(SmsMessage message, int allowedAttempts, CancellationToken ct) =>
        Task.FromResult((0, new AttemptResult(false, false, null, "Sms:Gateway is off: no SMS platform is configured.")));
}
