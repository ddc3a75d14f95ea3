using Grpc.Core;
using RpcException = Grpc.Core.RpcException;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Saison.LocalHost.Rpc;

/// <summary>
/// The server side of <c>FunctionRpc.EventStream</c> (generated from the worker package's descriptor):
/// the worker opens the stream with StartStream carrying the id the host gave it, then the host drives.
/// </summary>
internal sealed class FunctionRpcService(WorkerChannel channel, ILogger<FunctionRpcService> logger) : FunctionRpc.FunctionRpcBase
{
    /// <inheritdoc />
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken)
            || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message of the stream must be StartStream."));
        }

        var start = requestStream.Current.StartStream;
        if (!string.Equals(start.WorkerId, channel.WorkerId, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Unknown worker id '{start.WorkerId}'."));
        }

        logger.LogDebug("Worker {WorkerId} opened its stream", start.WorkerId);
        await channel.RunAsync(start, requestStream, responseStream, context.CancellationToken);
    }
}
