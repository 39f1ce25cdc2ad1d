using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Governance.Dispatch.Live;

/// <summary>
/// In-process fan-out of <see cref="LiveEvent"/>s to the boards connected to this instance (each an
/// open server-sent-events response). A subscriber names a unit and hears of cases whose place lies
/// in it. Best effort by design: a slow browser loses its oldest events rather than holding memory,
/// and a board that reconnects reloads its queue anyway.
/// </summary>
public sealed class LiveBroadcaster
{
    private const int BufferPerSubscriber = 256;

    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    public bool HasSubscribers => !_subscriptions.IsEmpty;

    public Subscription Subscribe(string unitCode)
    {
        var subscription = new Subscription(this, unitCode, Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(BufferPerSubscriber) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }));
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    /// <summary>Hands the event to every subscriber whose unit is one of <paramref name="units"/>
    /// (the case's place and the units above it).</summary>
    public void Broadcast(LiveEvent e, IReadOnlyCollection<string> units)
    {
        foreach (var subscription in _subscriptions.Values)
            if (units.Contains(subscription.UnitCode, StringComparer.Ordinal))
                subscription.Channel.Writer.TryWrite(e);
    }

    public sealed class Subscription : IDisposable
    {
        private readonly LiveBroadcaster _owner;

        internal Subscription(LiveBroadcaster owner, string unitCode, Channel<LiveEvent> channel)
        {
            _owner = owner;
            UnitCode = unitCode;
            Channel = channel;
        }

        public Guid Id { get; } = Guid.NewGuid();
        public string UnitCode { get; }
        internal Channel<LiveEvent> Channel { get; }
        public ChannelReader<LiveEvent> Reader => Channel.Reader;

        public void Dispose()
        {
            _owner._subscriptions.TryRemove(Id, out _);
            Channel.Writer.TryComplete();
        }
    }
}
