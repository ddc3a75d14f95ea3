using Microsoft.Extensions.Options;

namespace Saison.Functions.Hosting;

/// <summary>
/// Standalone only: runs the declared timer functions on their NCRONTAB schedules (UTC, as on Flex
/// Consumption). Under the Functions host the host triggers them instead.
/// </summary>
public sealed class TimerScheduler(TimerFunctionRegistry registry, TimerRunner runner, TimeProvider time, IOptions<SaisonOptions> options, ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunTimers)
        {
            logger.LogInformation("Timer functions are not run in-process (Saison:RunTimers is false)");
            return Task.CompletedTask;
        }

        return Task.WhenAll(registry.All.Select(f => RunForeverAsync(f, stoppingToken)));
    }

    private async Task RunForeverAsync(TimerFunction function, CancellationToken stoppingToken)
    {
        var schedule = NcrontabSchedule.Parse(function.Declaration.Schedule);
        var after = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (schedule.NextOccurrence(after, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            var delay = next - time.GetUtcNow();
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await runner.RunAsync(function, next, isPastDue: time.GetUtcNow() - next > TimeSpan.FromMinutes(1), stoppingToken).ConfigureAwait(false);
            after = next;
        }
    }
}
