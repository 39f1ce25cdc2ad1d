namespace Governance.Dispatch.Notices;

// Dispatch's own events, heard back from the bus: each that people subscribe to becomes a notice.
// A case Dispatch has no assignment for cannot be described, so it is not announced.

public sealed class RoutedNoticeConsumer(UnitOfWorkRunner<DispatchDatabase> runner, NoticeQueue queue)
    : TransactionalConsumer<DispatchDatabase, IncidentRouted>(runner)
{
    protected override Task<bool> WantsAsync(IncidentRouted m, CancellationToken ct) => queue.AnyListensAsync(NoticeKind.Routed);

    protected override async Task HandleAsync(IncidentRouted m, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        if (await NoticeQueue.CaseAsync(uow, m.IncidentId) is not { } a) return;
        await queue.QueueAsync(uow, Notice.Of(a, NoticeKind.Routed, m.RoutedAt) with
        {
            Tier = m.Tier, HandlingUnitCode = m.HandlingUnitCode, DueAt = m.DueAt, Sequence = m.Sequence,
        });
    }
}

public sealed class EscalatedNoticeConsumer(UnitOfWorkRunner<DispatchDatabase> runner, NoticeQueue queue)
    : TransactionalConsumer<DispatchDatabase, IncidentEscalated>(runner)
{
    protected override Task<bool> WantsAsync(IncidentEscalated m, CancellationToken ct) => queue.AnyListensAsync(NoticeKind.Escalated);

    protected override async Task HandleAsync(IncidentEscalated m, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        if (await NoticeQueue.CaseAsync(uow, m.IncidentId) is not { } a) return;
        await queue.QueueAsync(uow, Notice.Of(a, NoticeKind.Escalated, m.EscalatedAt) with
        {
            Tier = m.ToTier, FromTier = m.FromTier, HandlingUnitCode = m.HandlingUnitCode, DueAt = m.DueAt, Sequence = m.Sequence,
            Reason = m.Reason, Note = m.Note, By = m.By is { } by && !by.StartsWith("system:", StringComparison.Ordinal) ? by : null,
        });
    }
}

public sealed class ReturnedNoticeConsumer(UnitOfWorkRunner<DispatchDatabase> runner, NoticeQueue queue)
    : TransactionalConsumer<DispatchDatabase, IncidentReturned>(runner)
{
    protected override Task<bool> WantsAsync(IncidentReturned m, CancellationToken ct) => queue.AnyListensAsync(NoticeKind.Returned);

    protected override async Task HandleAsync(IncidentReturned m, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        if (await NoticeQueue.CaseAsync(uow, m.IncidentId) is not { } a) return;
        await queue.QueueAsync(uow, Notice.Of(a, NoticeKind.Returned, m.At) with
        {
            Tier = m.ToTier, FromTier = m.FromTier, HandlingUnitCode = m.HandlingUnitCode, DueAt = m.DueAt, Sequence = m.Sequence,
            Note = m.Reason, By = m.By,
        });
    }
}

/// <summary>红黄牌: the warning carries the case's category and grade as they were when it was shown.</summary>
public sealed class WarningNoticeConsumer(UnitOfWorkRunner<DispatchDatabase> runner, NoticeQueue queue)
    : TransactionalConsumer<DispatchDatabase, DeadlineWarning>(runner)
{
    protected override Task<bool> WantsAsync(DeadlineWarning m, CancellationToken ct) => queue.AnyListensAsync(m.Level == WarningLevel.Red ? NoticeKind.Red : NoticeKind.Yellow);

    protected override async Task HandleAsync(DeadlineWarning m, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        if (await NoticeQueue.CaseAsync(uow, m.IncidentId) is not { } a) return;
        var kind = m.Level == WarningLevel.Red ? NoticeKind.Red : NoticeKind.Yellow;
        await queue.QueueAsync(uow, Notice.Of(a, kind, m.At) with
        {
            Category = m.Category, Grade = m.Grade, Tier = m.Tier, HandlingUnitCode = m.HandlingUnitCode, DueAt = m.DueAt,
            OnMissed = m.OnMissed,
        });
    }
}

public sealed class FlaggedOverdueNoticeConsumer(UnitOfWorkRunner<DispatchDatabase> runner, NoticeQueue queue)
    : TransactionalConsumer<DispatchDatabase, IncidentFlaggedOverdue>(runner)
{
    protected override Task<bool> WantsAsync(IncidentFlaggedOverdue m, CancellationToken ct) => queue.AnyListensAsync(NoticeKind.FlaggedOverdue);

    protected override async Task HandleAsync(IncidentFlaggedOverdue m, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        if (await NoticeQueue.CaseAsync(uow, m.IncidentId) is not { } a) return;
        await queue.QueueAsync(uow, Notice.Of(a, NoticeKind.FlaggedOverdue, m.FlaggedAt) with
        {
            Tier = m.Tier, HandlingUnitCode = m.HandlingUnitCode, Clock = m.Clock, FlaggedToTier = m.FlaggedToTier,
        });
    }
}

public sealed class SupervisedNoticeConsumer(UnitOfWorkRunner<DispatchDatabase> runner, NoticeQueue queue)
    : TransactionalConsumer<DispatchDatabase, IncidentSupervised>(runner)
{
    protected override Task<bool> WantsAsync(IncidentSupervised m, CancellationToken ct) => queue.AnyListensAsync(NoticeKind.Supervised);

    protected override async Task HandleAsync(IncidentSupervised m, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        if (await NoticeQueue.CaseAsync(uow, m.IncidentId) is not { } a) return;
        await queue.QueueAsync(uow, Notice.Of(a, NoticeKind.Supervised, m.At) with { Note = m.Note, By = m.By });
    }
}
