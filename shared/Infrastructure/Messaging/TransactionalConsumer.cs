using Governance.Infrastructure.Data;
using Governance.Infrastructure.Telemetry;
using MassTransit;

namespace Governance.Infrastructure.Messaging;

/// <summary>
/// Base of every consumer that changes state: the inbox check, the effect and any messages it
/// publishes share one transaction. A repeat of the same message id is acknowledged and ignored.
/// </summary>
public abstract class TransactionalConsumer<TDatabase, TMessage>(UnitOfWorkRunner<TDatabase> runner) : IConsumer<TMessage>
    where TDatabase : Database where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new PermanentMessageException($"{typeof(TMessage).Name} arrived without a message id");
        if (!await WantsAsync(context.Message, context.CancellationToken)) return;
        var consumer = GetType().Name;
        async Task<bool> Work(UnitOfWork<TDatabase> uow)
        {
            if (!await Inbox.FirstTimeAsync(uow, messageId, consumer))
                return true;
            await HandleAsync(context.Message, uow, context.CancellationToken);
            return false;
        }
        // The message is acknowledged only once its transaction committed, alone or with its group.
        var repeat = GroupCommitted
            ? await runner.RunGroupedAsync(Work, new InboxEntry(messageId, consumer), LockOrder(context.Message))
            : await runner.RunAsync(Work, context.CancellationToken);
        if (repeat) GovernanceMetrics.InboxRepeatDropped(runner.ServiceName, consumer);
        await CommittedAsync(context.Message);
    }

    /// <summary>
    /// True for consumers on every case's path, which receive many messages at once (PrefetchCount): each
    /// delivery's inbox row, effect and messages are written in one transaction with the deliveries handled
    /// at the same moment (group commit, GroupCommit.cs) and acknowledged after that commit. A delivery that
    /// fails does so alone and is retried by MassTransit as before. Only for effects inside the database (no
    /// call out from the transaction, which would hold the whole group).
    /// </summary>
    protected virtual bool GroupCommitted => false;

    /// <summary>For a group-committed consumer: the key of the rows its effect locks (the case it concerns). Its group
    /// runs the deliveries in this order, so two groups take those rows in one order and cannot deadlock on them.</summary>
    protected virtual Guid? LockOrder(TMessage message) => null;

    /// <summary>After the transaction committed (also for a repeat): for effects outside the database,
    /// such as dropping what an in-memory cache holds, that must not run before the rows are visible.</summary>
    protected virtual Task CommittedAsync(TMessage message) => Task.CompletedTask;

    protected abstract Task HandleAsync(TMessage message, UnitOfWork<TDatabase> uow, CancellationToken ct);

    /// <summary>
    /// A cheap check before the transaction: false acknowledges the message without an inbox row, for
    /// consumers that most messages do not concern (a notice nobody subscribed to). Only for effects
    /// where skipping is the same as handling a message that changes nothing.
    /// </summary>
    protected virtual Task<bool> WantsAsync(TMessage message, CancellationToken ct) => Task.FromResult(true);
}
