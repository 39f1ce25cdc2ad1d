using System.ComponentModel.DataAnnotations;
using Governance.Dispatch.Handling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Dispatch.Deadlines;

public sealed class DeadlineSweeperOptions
{
    /// <summary>How often the sweeper looks for clocks that passed. Deadlines are data, so a sweep
    /// after a restart finds everything that fell due while the process was down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Watches the clocks (红黄牌): shows a yellow card when most of a deadline is used, and acts on cases
/// whose deadline passed (with a red card) or that nobody acknowledged in time — moves them up or
/// flags them 超期预警, as the policy says (<see cref="MissedDeadlines"/>). Passed clocks are claimed
/// with a lock the other instances skip and acted on in the same transaction, so with two sweepers
/// each card is shown once and each case climbs or is flagged once.
/// </summary>
public sealed class DeadlineSweeper(
    UnitOfWorkRunner<DispatchDatabase> runner, MissedDeadlines missed, TimeProvider time,
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

    /// <summary>One sweep of every clock; returns how many cases it acted on.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var total = 0;
        // Deadlines first: a case both due and yellow needs the red card, not the yellow one.
        foreach (var clock in new[] { AssignmentStore.Clock.Due, AssignmentStore.Clock.Acknowledgement, AssignmentStore.Clock.Yellow })
            total += await SweepAsync(clock, ct);
        if (total > 0) logger.LogInformation("Deadline sweep acted on {Count} case(s)", total);
        return total;
    }

    private async Task<int> SweepAsync(AssignmentStore.Clock clock, CancellationToken ct)
    {
        var total = 0;
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var acted = await runner.RunAsync(async uow =>
            {
                var passed = await AssignmentStore.ClaimPassedAsync(uow, clock, uow.Now, options.Value.BatchSize);
                foreach (var assignment in passed) await ActAsync(uow, clock, assignment);
                return passed.Count;
            }, ct);
            total += acted;
            if (acted < options.Value.BatchSize) break;
        }
        return total;
    }

    private Task ActAsync(UnitOfWork<DispatchDatabase> uow, AssignmentStore.Clock clock, Assignment assignment) => clock switch
    {
        AssignmentStore.Clock.Due => missed.DueAsync(uow, assignment),
        AssignmentStore.Clock.Acknowledgement => missed.UnacknowledgedAsync(uow, assignment),
        _ => missed.YellowAsync(uow, assignment),
    };
}
