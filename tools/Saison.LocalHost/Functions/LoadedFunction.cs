using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Saison.LocalHost.Functions;

/// <summary>A function the worker indexed and loaded, with the binding that triggers it.</summary>
/// <param name="Name">The function's name ([Function("…")]).</param>
/// <param name="FunctionId">The id the worker gave it, used in every invocation.</param>
/// <param name="Trigger">Its trigger binding.</param>
internal sealed record LoadedFunction(string Name, string FunctionId, FunctionBinding Trigger)
{
    /// <summary>Reads the worker's metadata for one function.</summary>
    /// <exception cref="InvalidOperationException">The function has no trigger binding.</exception>
    public static LoadedFunction From(RpcFunctionMetadata metadata)
    {
        var trigger = metadata.RawBindings.Select(FunctionBinding.Parse).FirstOrDefault(b => b.IsTrigger)
            ?? throw new InvalidOperationException($"Function '{metadata.Name}' has no trigger binding.");
        return new LoadedFunction(metadata.Name, metadata.FunctionId, trigger);
    }

    /// <summary>Whether an HTTP request triggers it.</summary>
    public bool IsHttp => Trigger.IsHttpTrigger;

    /// <summary>Whether a schedule triggers it.</summary>
    public bool IsTimer => Trigger.IsTimerTrigger;
}
