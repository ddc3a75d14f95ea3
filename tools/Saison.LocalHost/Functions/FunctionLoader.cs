using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Saison.LocalHost.App;
using Saison.LocalHost.Rpc;

namespace Saison.LocalHost.Functions;

/// <summary>
/// Indexes and loads the app's functions as the Functions host does with an isolated worker: the worker
/// indexes its own assembly (FunctionsMetadataRequest), then each function is loaded (FunctionLoadRequest).
/// </summary>
internal static class FunctionLoader
{
    /// <summary>Indexes and loads every function; a function that fails to load is logged and left out.</summary>
    /// <exception cref="InvalidOperationException">The worker could not index the app.</exception>
    public static async Task<IReadOnlyList<LoadedFunction>> LoadAsync(WorkerChannel channel, FunctionAppDirectory app, ILogger logger, CancellationToken cancellationToken = default)
    {
        var index = await channel.GetFunctionMetadataAsync(app.Path, cancellationToken);
        if (index.Result.Status == StatusResult.Types.Status.Failure)
        {
            throw new InvalidOperationException($"The worker could not index the app: {index.Result.Exception?.Message}");
        }

        if (index.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException(
                "The worker asks the host to index the app from function.json files, which this host does not do; "
                + "build the app with worker indexing (the default of Microsoft.Azure.Functions.Worker.Sdk).");
        }

        var loads = index.FunctionMetadataResults.Select(metadata => LoadOneAsync(channel, metadata, logger, cancellationToken));
        return (await Task.WhenAll(loads)).OfType<LoadedFunction>().ToList();
    }

    private static async Task<LoadedFunction?> LoadOneAsync(WorkerChannel channel, RpcFunctionMetadata metadata, ILogger logger, CancellationToken cancellationToken)
    {
        if (metadata.Status?.Status == StatusResult.Types.Status.Failure)
        {
            logger.LogError("The worker failed to index function {Function}: {Error}", metadata.Name, metadata.Status.Exception?.Message);
            return null;
        }

        var response = await channel.LoadFunctionAsync(new FunctionLoadRequest { FunctionId = metadata.FunctionId, Metadata = metadata }, cancellationToken);
        if (response.Result.Status == StatusResult.Types.Status.Failure)
        {
            logger.LogError("The worker failed to load function {Function}: {Error}", metadata.Name, response.Result.Exception?.Message);
            return null;
        }

        return LoadedFunction.From(metadata);
    }
}
