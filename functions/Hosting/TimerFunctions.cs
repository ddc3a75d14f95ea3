using System.Text.Json;
using System.Text.Json.Nodes;

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
public sealed record TimerFunction(TimerFunctionDeclaration Declaration, Func<TimerInvocation, CancellationToken, Task> Run);

/// <summary>The timer functions declared by the app.</summary>
public sealed class TimerFunctionRegistry
{
    private readonly Dictionary<string, TimerFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<TimerFunction> All => _functions.Values;

    public void Add(TimerFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!_functions.TryAdd(function.Declaration.Name, function))
        {
            throw new InvalidOperationException($"Timer function '{function.Declaration.Name}' is declared twice.");
        }
    }

    public TimerFunction? Find(string name) => _functions.GetValueOrDefault(name);
}

/// <summary>Marks the endpoint that receives the host's timer invocations (not an HTTP function itself).</summary>
public sealed class TimerInvocationMetadata;

public static class TimerFunctionExtensions
{
    /// <summary>
    /// Declares a timer function. Standalone, the app's scheduler runs it; under the Functions host
    /// the host POSTs the custom-handler payload to <c>/{name}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapTimerFunction(this IEndpointRouteBuilder app, string name, string schedule, string description, Func<TimerInvocation, CancellationToken, Task> run)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.ServiceProvider.GetRequiredService<TimerFunctionRegistry>().Add(new TimerFunction(new TimerFunctionDeclaration(name, schedule, description), run));
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

    private static async Task<IResult> InvokeAsync(string functionName, HttpRequest request, TimerFunctionRegistry registry, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var function = registry.Find(functionName);
        if (function is null)
        {
            return Http.Problems.NotFound($"Aucune fonction minuterie nommée « {functionName} ».");
        }

        var (utcNow, pastDue) = await ReadPayloadAsync(request, time, cancellationToken).ConfigureAwait(false);
        var invocation = new TimerInvocation(function.Declaration.Name, utcNow, pastDue, request.HttpContext.RequestServices);
        var logger = loggers.CreateLogger("Saison.Timers");
        try
        {
            await function.Run(invocation, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The host must get its failure answer, not a dropped connection.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Timer function {Function} failed", function.Declaration.Name);
            invocation.Log($"Failed: {e.GetType().Name}: {e.Message}");
            return Results.Json(new { Outputs = new { }, Logs = invocation.Logs, ReturnValue = (object?)null, Error = e.Message }, statusCode: StatusCodes.Status500InternalServerError);
        }

        return Results.Json(new { Outputs = new { }, Logs = invocation.Logs, ReturnValue = (object?)null });
    }

    /// <summary>Reads <c>Metadata.sys.UtcNow</c> and <c>Data.timer.IsPastDue</c> leniently; falls back to the clock.</summary>
    internal static async Task<(DateTimeOffset UtcNow, bool IsPastDue)> ReadPayloadAsync(HttpRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        var utcNow = time.GetUtcNow();
        var pastDue = false;
        try
        {
            var payload = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var timer = payload?["Data"]?.AsObject().FirstOrDefault().Value;
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

        return (utcNow, pastDue);
    }
}
