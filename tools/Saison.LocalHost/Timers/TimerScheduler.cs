using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Saison.LocalHost.Functions;
using Saison.LocalHost.Rpc;

namespace Saison.LocalHost.Timers;

/// <summary>
/// Fires the timer functions on their schedules (UTC), one occurrence at a time per function as the
/// Functions host does, once at start for <c>runOnStartup</c>, and on demand (the admin endpoint).
/// </summary>
internal sealed class TimerScheduler(WorkerChannel channel, TimeProvider time, ILogger<TimerScheduler> logger) : IAsyncDisposable
{
    /// <summary>Task.Delay's longest wait is ~49 days; a far occurrence is waited for in steps.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly Dictionary<string, TimerSchedule> _schedules = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts one schedule per timer function; a schedule that does not parse is logged and skipped.</summary>
    /// <param name="functions">The loaded functions (others than timers are ignored).</param>
    /// <param name="settings">Resolves <c>%Name%</c> schedules (the app settings: here, the environment).</param>
    public void Start(IEnumerable<LoadedFunction> functions, Func<string, string?> settings)
    {
        foreach (var function in functions.Where(f => f.IsTimer))
        {
            TimerSchedule schedule;
            try
            {
                schedule = TimerSchedule.Parse(function.Trigger.Schedule ?? string.Empty, settings);
            }
            catch (FormatException e)
            {
                logger.LogError("Timer function {Function} will not run: {Error}", function.Name, e.Message);
                continue;
            }

            _schedules[function.Name] = schedule;
            Track(RunAsync(function, schedule, _stop.Token));
        }
    }

    /// <summary>Fires <paramref name="function"/> now, outside its schedule; the returned task completes with it.</summary>
    public Task FireNowAsync(LoadedFunction function)
    {
        var next = _schedules.TryGetValue(function.Name, out var schedule) ? schedule.Next(time.GetUtcNow()) : time.GetUtcNow();
        return Track(FireAsync(function, last: null, next, "admin request", _stop.Token));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
        _stop.Dispose();
    }

    private async Task RunAsync(LoadedFunction function, TimerSchedule schedule, CancellationToken cancellationToken)
    {
        logger.LogInformation("Timer function {Function}: schedule '{Schedule}' (UTC), next at {Next:O}",
            function.Name, schedule, schedule.Next(time.GetUtcNow()));
        DateTimeOffset? last = null;
        if (function.Trigger.RunOnStartup)
        {
            await FireAsync(function, last, schedule.Next(time.GetUtcNow()), "runOnStartup", cancellationToken);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var occurrence = schedule.Next(time.GetUtcNow());
            if (!await WaitUntilAsync(occurrence, cancellationToken))
            {
                return;
            }

            await FireAsync(function, last, schedule.Next(occurrence), $"timer fired at {occurrence:O}", cancellationToken);
            last = occurrence;
        }
    }

    private async Task<bool> WaitUntilAsync(DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        try
        {
            for (var wait = occurrence - time.GetUtcNow(); wait > TimeSpan.Zero; wait = occurrence - time.GetUtcNow())
            {
                await Task.Delay(wait < LongestWait ? wait : LongestWait, time, cancellationToken);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task FireAsync(LoadedFunction function, DateTimeOffset? last, DateTimeOffset next, string reason, CancellationToken cancellationToken)
    {
        var request = Invocation.NewRequest(function);
        request.InputData.Add(new ParameterBinding
        {
            Name = function.Trigger.Name,
            Data = new TypedData { Json = TimerInfoPayload.Json(last, next, time.GetUtcNow(), isPastDue: false) },
        });

        logger.LogInformation("Executing '{Function}' (reason: {Reason}, id: {InvocationId})", function.Name, reason, request.InvocationId);
        var started = time.GetTimestamp();
        try
        {
            var response = await channel.InvokeAsync(request, cancellationToken);
            if (response.Failed())
            {
                logger.LogError("Executed '{Function}' (failed, id: {InvocationId}): {Error}", function.Name, request.InvocationId, response.Describe());
            }
            else
            {
                logger.LogInformation("Executed '{Function}' (succeeded, id: {InvocationId}, {Duration:F0} ms)",
                    function.Name, request.InvocationId, time.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (WorkerUnavailableException e)
        {
            logger.LogError("Executed '{Function}' (failed, id: {InvocationId}): {Error}", function.Name, request.InvocationId, e.Message);
        }
    }

    private Task Track(Task task)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }

        return task;
    }
}
