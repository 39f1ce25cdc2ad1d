using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Handling;
using Governance.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Dispatch.Deadlines;

public sealed class DeadlineSweeperOptions
{
    /// <summary>How often the sweeper looks for clocks that passed. Deadlines are data, so a sweep
    /// after a restart finds everything that fell due while the process was down.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Escalates cases whose deadline passed. Due assignments are claimed with a lock the other
/// instances skip, and escalated in the same transaction, so with two sweepers each case climbs once.
/// </summary>
public sealed class DeadlineSweeper(
    UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator, TimeProvider time,
    IOptions<DeadlineSweeperOptions> options, ILogger<DeadlineSweeper> logger) : BackgroundService
{
    private const int MaxBatchesPerSweep = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                await Task.Delay(options.Value.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Deadline sweep failed; trying again");
                try { await Task.Delay(options.Value.Interval, time, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One sweep: escalates everything due now; returns how many cases it moved.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var total = 0;
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var moved = await runner.RunAsync(async uow =>
            {
                var due = await AssignmentStore.ClaimDueAsync(uow.Connection, uow.Transaction, uow.Provider, uow.Now, options.Value.BatchSize);
                foreach (var assignment in due)
                    await escalator.EscalateAsync(uow, assignment, EscalationReason.DeadlinePassed, null);
                return due.Count;
            }, ct);
            total += moved;
            if (moved < options.Value.BatchSize) break;
        }
        if (total > 0) logger.LogInformation("Deadline sweep moved {Count} case(s)", total);
        return total;
    }
}
