using System.Diagnostics;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Saison.LocalHost.Functions;

/// <summary>What every invocation request carries, whatever triggered it.</summary>
internal static class Invocation
{
    /// <summary>
    /// A new invocation of <paramref name="function"/> with a fresh id and a W3C trace context (the worker
    /// requires one: it fails the invocation without it). The trace continues the current activity's, if any.
    /// </summary>
    public static InvocationRequest NewRequest(LoadedFunction function)
    {
        var activity = Activity.Current;
        var traceParent = activity is { IdFormat: ActivityIdFormat.W3C }
            ? activity.Id!
            : $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00";

        return new InvocationRequest
        {
            FunctionId = function.FunctionId,
            InvocationId = Guid.NewGuid().ToString(),
            TraceContext = new RpcTraceContext
            {
                TraceParent = traceParent,
                TraceState = activity?.TraceStateString ?? string.Empty,
            },
        };
    }

    /// <summary>Whether the worker reports the invocation as failed.</summary>
    public static bool Failed(this InvocationResponse response) =>
        response.Result?.Status is not StatusResult.Types.Status.Success;

    /// <summary>
    /// The worker's account of a failure, for the host's log (never for an HTTP client); the stack trace
    /// is in the worker's own log line just before.
    /// </summary>
    public static string Describe(this InvocationResponse response) =>
        response.Result?.Exception is { } e ? $"{e.Type}: {e.Message}" : response.Result?.Result ?? "no detail";
}
