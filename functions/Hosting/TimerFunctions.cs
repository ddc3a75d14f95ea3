using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Saison.Functions.Hosting;

/// <summary>What a timer function receives: when it was due, whether it is late, and a log to return to the host.</summary>
public sealed class TimerInvocation
{
    private readonly List<string> _logs = [];

    public TimerInvocation(string functionName, DateTimeOffset utcNow, bool isPastDue, IServiceProvider services)
    {
        FunctionName = functionName;
        UtcNow = utcNow;
        IsPastDue = isPastDue;
        Services = services;
    }

    public string FunctionName { get; }

    public DateTimeOffset UtcNow { get; }

    public bool IsPastDue { get; }

    public IServiceProvider Services { get; }

    public IReadOnlyList<string> Logs => _logs;

    /// <summary>Adds a line to the logs the host records with the invocation.</summary>
    public void Log(string message) => _logs.Add(message);
}

/// <summary>A declared timer function and the code it runs.</summary>
public sealed record TimerFunction(TimerFunctionDeclaration Declaration, Func<TimerInvocation, CancellationToken, Task> Run)
{
    /// <summary>
    /// Whether a run fired at <paramref name="utcNow"/> is the intended one: always, unless the
    /// declaration names a local time, in which case only when the local time in
    /// <paramref name="zone"/> is that one (to the minute), on one of its local days when it names some.
    /// A local-time job is scheduled every quarter of an hour (UTC), so that its local time comes round in
    /// every zone, whatever its offset (UTC+1/+2 in metropolitan France, UTC+4 in La Réunion, UTC+5:30, UTC+5:45…).
    /// </summary>
    public bool IsIntendedRun(DateTimeOffset utcNow, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Declaration.LocalTime is not { } intended)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(utcNow, zone);
        return local.Hour == intended.Hour && local.Minute == intended.Minute
            && (Declaration.LocalDays is not { Count: > 0 } days || days.Contains(local.DayOfWeek));
    }
}

/// <summary>The timer functions declared by the app.</summary>
public sealed class TimerFunctionRegistry
{
    private readonly Dictionary<string, TimerFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<TimerFunction> All => _functions.Values;

    public void Add(TimerFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (TimerSchedules.TryParse(function.Declaration.Schedule) is null)
        {
            throw new InvalidOperationException($"Timer function '{function.Declaration.Name}' has an invalid NCRONTAB schedule '{function.Declaration.Schedule}'.");
        }

        if (!_functions.TryAdd(function.Declaration.Name, function))
        {
            throw new InvalidOperationException($"Timer function '{function.Declaration.Name}' is declared twice.");
        }
    }

    public TimerFunction? Find(string name) => _functions.GetValueOrDefault(name);
}

/// <summary>The outcome of one timer run.</summary>
public sealed record TimerRunResult(bool Succeeded, bool Skipped, IReadOnlyList<string> Logs, string? Error);

/// <summary>Runs a timer function when its trigger fires: skips the run that is not the intended local time, logs failures.</summary>
public sealed class TimerRunner(IServiceProvider services, SaisonOperations operations, TimerFunctionRegistry registry, TimeProvider time, Saison.Domain.Destinations.Destination destination, ILogger<TimerRunner> logger)
{
    private readonly TimeZoneInfo _zone = destination.Zone;

    /// <summary>
    /// What a timer function's method does: runs the declared function <paramref name="name"/> for this
    /// trigger. A failure is thrown again, so the host records the invocation as failed.
    /// </summary>
    public async Task RunAsync(string name, Microsoft.Azure.Functions.Worker.TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        _ = operations.Functions; // the areas declare their timers while the operations are built
        var function = registry.Find(name) ?? throw new InvalidOperationException($"No timer function is declared as '{name}'.");
        var result = await RunAsync(function, time.GetUtcNow(), timer.IsPastDue, cancellationToken).ConfigureAwait(false);
        foreach (var line in result.Logs)
        {
            logger.LogInformation("{Function}: {Line}", name, line);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Timer function '{name}' failed: {result.Error}");
        }
    }

    public async Task<TimerRunResult> RunAsync(TimerFunction function, DateTimeOffset utcNow, bool isPastDue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        var invocation = new TimerInvocation(function.Declaration.Name, utcNow, isPastDue, services);
        if (!function.IsIntendedRun(utcNow, _zone))
        {
            invocation.Log($"Skipped: {utcNow:O} is not {function.Declaration.LocalTime:HH\\:mm} in {_zone.Id}.");
            return new TimerRunResult(true, true, invocation.Logs, null);
        }

        try
        {
            await function.Run(invocation, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Timer function {Function} ran for {UtcNow}", function.Declaration.Name, utcNow);
            return new TimerRunResult(true, false, invocation.Logs, null);
        }
#pragma warning disable CA1031 // The host must get its failure answer, and the scheduler must keep running.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Timer function {Function} failed", function.Declaration.Name);
            invocation.Log($"Failed: {e.GetType().Name}: {e.Message}");
            return new TimerRunResult(false, false, invocation.Logs, e.Message);
        }
    }
}

public static class TimerFunctionExtensions
{
    /// <summary>
    /// Declares a timer function: its name, NCRONTAB schedule (UTC), what it does and, for a job meant for a
    /// local time of the destination, that time (and the local days it runs on, none: every day). Its <c>[Function]</c> method (<c>[TimerTrigger]</c> with the same schedule) runs it
    /// with <see cref="TimerRunner.RunAsync(string, Microsoft.Azure.Functions.Worker.TimerInfo, CancellationToken)"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapTimerFunction(this IEndpointRouteBuilder app, string name, string schedule, string description, Func<TimerInvocation, CancellationToken, Task> run, TimeOnly? localTime = null, IReadOnlyList<DayOfWeek>? localDays = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.ServiceProvider.GetRequiredService<TimerFunctionRegistry>().Add(new TimerFunction(new TimerFunctionDeclaration(name, schedule, description, localTime, localDays), run));
        return app;
    }
}

/// <summary>NCRONTAB as the Functions host reads it (the NCrontab library, six fields, seconds first).</summary>
public static class TimerSchedules
{
    public static NCrontab.CrontabSchedule? TryParse(string expression) =>
        NCrontab.CrontabSchedule.TryParse(expression, new NCrontab.CrontabSchedule.ParseOptions { IncludingSeconds = true });
}
