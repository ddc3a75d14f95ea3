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
    /// <paramref name="zone"/> is that one (to the minute).
    /// </summary>
    public bool IsIntendedRun(DateTimeOffset utcNow, TimeZoneInfo zone)
    {
        if (Declaration.LocalTime is not { } intended)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(utcNow, zone);
        return local.Hour == intended.Hour && local.Minute == intended.Minute;
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
        if (!NcrontabSchedule.TryParse(function.Declaration.Schedule).IsSuccess)
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

/// <summary>Marks the endpoint that receives the host's timer invocations (not an HTTP function itself).</summary>
public sealed class TimerInvocationMetadata;

/// <summary>The outcome of one timer run, in the custom handler's response shape.</summary>
public sealed record TimerRunResult(bool Succeeded, bool Skipped, IReadOnlyList<string> Logs, string? Error);

/// <summary>Runs timer functions the same way whether the host or the standalone scheduler fires them.</summary>
public sealed class TimerRunner(IServiceProvider services, IOptions<SaisonOptions> options, ILogger<TimerRunner> logger)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZoneId);

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
    /// <summary>The custom handler's response uses the host's own property names (PascalCase).</summary>
    private static readonly JsonSerializerOptions HostJson = new() { PropertyNamingPolicy = null };

    /// <summary>
    /// Declares a timer function. Standalone, the app's scheduler runs it; under the Functions host
    /// the host POSTs the custom-handler payload to <c>/{name}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapTimerFunction(this IEndpointRouteBuilder app, string name, string schedule, string description, Func<TimerInvocation, CancellationToken, Task> run, TimeOnly? localTime = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.ServiceProvider.GetRequiredService<TimerFunctionRegistry>().Add(new TimerFunction(new TimerFunctionDeclaration(name, schedule, description, localTime), run));
        return app;
    }

    /// <summary>
    /// The custom handler's timer endpoint: <c>POST /{FunctionName}</c> with <c>{"Data":{"timer":…},"Metadata":{…}}</c>,
    /// answered with <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>; a failure is a non-2xx.
    /// Mapped only under the Functions host (FUNCTIONS_CUSTOMHANDLER_PORT set).
    /// </summary>
    public static void MapTimerInvocations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{functionName}", InvokeAsync)
            .WithMetadata(new TimerInvocationMetadata())
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    private static async Task<IResult> InvokeAsync(string functionName, HttpRequest request, TimerFunctionRegistry registry, TimerRunner runner, TimeProvider time, CancellationToken cancellationToken)
    {
        var function = registry.Find(functionName);
        if (function is null)
        {
            return Http.Problems.NotFound($"Aucune fonction minuterie nommée « {functionName} ».");
        }

        var (utcNow, pastDue) = await ReadPayloadAsync(request, time, cancellationToken).ConfigureAwait(false);
        var result = await runner.RunAsync(function, utcNow, pastDue, cancellationToken).ConfigureAwait(false);
        var body = new Dictionary<string, object?>
        {
            ["Outputs"] = new Dictionary<string, object?>(),
            ["Logs"] = result.Logs,
            ["ReturnValue"] = null,
        };
        if (result.Error is not null)
        {
            body["Error"] = result.Error;
        }

        return Results.Json(body, HostJson, statusCode: result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError);
    }

    /// <summary>Reads <c>Metadata.sys.UtcNow</c> and <c>Data.timer.IsPastDue</c> leniently; falls back to the clock.</summary>
    internal static async Task<(DateTimeOffset UtcNow, bool IsPastDue)> ReadPayloadAsync(HttpRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        var utcNow = time.GetUtcNow();
        var pastDue = false;
        try
        {
            var payload = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var timer = payload?["Data"] is JsonObject data ? data.FirstOrDefault().Value : null;
            if (timer?["IsPastDue"] is JsonValue due && due.TryGetValue<bool>(out var late))
            {
                pastDue = late;
            }

            if (payload?["Metadata"]?["sys"]?["UtcNow"] is JsonValue now && now.TryGetValue<string>(out var text)
                && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                utcNow = parsed.ToUniversalTime();
            }
        }
        catch (JsonException)
        {
            // An empty or odd payload still runs the function: the host's format is not ours to police.
        }
        catch (InvalidOperationException)
        {
            // A payload of another shape (Data not an object of objects): same leniency.
        }

        return (utcNow, pastDue);
    }
}
