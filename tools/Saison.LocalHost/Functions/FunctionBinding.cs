using System.Text.Json;
using System.Text.Json.Serialization;

namespace Saison.LocalHost.Functions;

/// <summary>
/// One binding of a function, as the worker declares it in its raw bindings (the JSON objects that
/// functions.metadata lists): what the host needs to trigger the function.
/// </summary>
internal sealed record FunctionBinding
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The binding's name: the function parameter it fills ("$return" for the return value).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The binding type: "httpTrigger", "timerTrigger", "http"…</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>"In", "Out" or "InOut".</summary>
    public string Direction { get; init; } = string.Empty;

    /// <summary>HTTP trigger: the route template, relative to the route prefix; null for the function's name.</summary>
    public string? Route { get; init; }

    /// <summary>HTTP trigger: the accepted methods; null or empty for all.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>Timer trigger: the NCRONTAB expression, a TimeSpan, or a %setting% naming either.</summary>
    public string? Schedule { get; init; }

    /// <summary>Timer trigger: fire once as soon as the host has started.</summary>
    public bool RunOnStartup { get; init; }

    /// <summary>Whether this binding triggers its function.</summary>
    [JsonIgnore]
    public bool IsTrigger =>
        Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) && Direction.Equals("In", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is an HTTP trigger.</summary>
    [JsonIgnore]
    public bool IsHttpTrigger => IsTrigger && Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is a timer trigger.</summary>
    [JsonIgnore]
    public bool IsTimerTrigger => IsTrigger && Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads one raw binding.</summary>
    public static FunctionBinding Parse(string rawBinding) =>
        JsonSerializer.Deserialize<FunctionBinding>(rawBinding, Options)
        ?? throw new InvalidOperationException($"Binding '{rawBinding}' is not a JSON object.");
}
