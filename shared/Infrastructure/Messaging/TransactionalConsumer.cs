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
        var repeat = await runner.RunAsync(async uow =>
        {
            if (!await Inbox.TryRecordAsync(uow, messageId, consumer))
                return true;
            await HandleAsync(context.Message, uow, context.CancellationToken);
            return false;
        }, context.CancellationToken);
        if (repeat) GovernanceMetrics.InboxRepeatDropped(runner.ServiceName, consumer);
        await CommittedAsync(context.Message);
    }

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
