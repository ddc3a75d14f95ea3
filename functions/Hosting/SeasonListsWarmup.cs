using Saison.Application.Contracts;
using Saison.Application.Events;
using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Application.Seasons;

namespace Saison.Functions.Hosting;

/// <summary>
/// Once the app serves, completes the actions a stopped process left half told (<see cref="Saison.Application.Auditing.PendingAuditDrain"/>), then reads each season's requests, events and shared plan once in the background, and works out where
/// each request stands (the review queue), so the first technician or COPIL read of a new process finds them in memory.
/// From then on the process keeps the requests list
/// and the shared plan up to date with its own writes (<see cref="LogisticsStore.ListRequestsAsync"/>,
/// <see cref="SeasonTables.PlansWrittenBetween"/>); a write by another process makes the next read go to the store
/// again, as it would without this.
/// </summary>
public sealed class SeasonListsWarmup(SeasonTables tables, LogisticsStore logistics, LogisticsRequests requestsArea, EventService events, IReversePlanMilestones plan, Saison.Application.Auditing.PendingAuditDrain audit, ILogger<SeasonListsWarmup> logger) : IHostedLifecycleService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _warming = Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _warming = Task.Run(() => WarmAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Actions a stopped process committed without completing them: their audit entries and notices first.
            if (await audit.DrainAsync(cancellationToken).ConfigureAwait(false) is > 0 and var drained)
            {
                logger.LogWarning("Completed {Count} actions interrupted after their transaction (audit entries, notices)", drained);
            }

            foreach (var season in await tables.Seasons.ListAsync(SeasonTables.SeasonPartition, null, cancellationToken).ConfigureAwait(false))
            {
                var requests = await logistics.ListRequestsAsync(season.Value.Year, cancellationToken).ConfigureAwait(false);
                var listed = await events.ListRecordsAsync(season.Value.Year, cancellationToken).ConfigureAwait(false);
                var milestones = await plan.ListAsync(season.Value.Year, cancellationToken).ConfigureAwait(false);
                var waiting = await requestsArea.CountQueueAsync(Caller.System, season.Value.Year, cancellationToken: cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Season {Season} read ahead: {Requests} requests ({Waiting} in the review queue), {Events} events, {Milestones} milestones", season.Value.Year, requests.Count, waiting, listed.Count, milestones.Count);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a head start: the reads happen anyway when first asked for.
            logger.LogDebug(e, "Reading the seasons ahead stopped");
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _warming.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
