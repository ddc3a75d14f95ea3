using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using RpcException = Grpc.Core.RpcException;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using MsgType = Microsoft.Azure.Functions.Worker.Grpc.Messages.StreamingMessage.ContentOneofCase;

namespace Saison.LocalHost.Rpc;

/// <summary>
/// The host's end of one worker's <c>FunctionRpc.EventStream</c>: requests go out in order through one
/// writer, answers are matched to their request (by function id, invocation id, or kind for the
/// one-off handshake messages), and the worker's <c>RpcLog</c> messages go to the log.
/// </summary>
internal sealed class WorkerChannel
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<(MsgType Kind, string Key), TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly TaskCompletionSource<StartStream> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly ILogger _workerLog;

    /// <summary>Creates the channel that only the worker presenting <paramref name="workerId"/> may open.</summary>
    public WorkerChannel(string workerId, ILoggerFactory loggerFactory)
    {
        WorkerId = workerId;
        _logger = loggerFactory.CreateLogger<WorkerChannel>();
        _workerLog = loggerFactory.CreateLogger("Worker");
    }

    /// <summary>The id given to the worker on its command line (<c>--functions-worker-id</c>).</summary>
    public string WorkerId { get; }

    /// <summary>Completes when the worker has opened the stream with its StartStream message.</summary>
    public Task<StartStream> Connected => _connected.Task;

    /// <summary>Completes when the stream has ended (the worker closed it, crashed or was stopped).</summary>
    public Task Disconnected => _disconnected.Task;

    /// <summary>Sends WorkerInitRequest and waits for the worker's capabilities.</summary>
    public async Task<WorkerInitResponse> InitializeAsync(WorkerInitRequest request, CancellationToken cancellationToken = default) =>
        (await RequestAsync(new StreamingMessage { WorkerInitRequest = request }, (MsgType.WorkerInitResponse, string.Empty), cancellationToken))
        .WorkerInitResponse;

    /// <summary>Asks the worker to index the app's functions (worker indexing, as the Functions host does).</summary>
    public async Task<FunctionMetadataResponse> GetFunctionMetadataAsync(string appDirectory, CancellationToken cancellationToken = default) =>
        (await RequestAsync(
            new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } },
            (MsgType.FunctionMetadataResponse, string.Empty),
            cancellationToken)).FunctionMetadataResponse;

    /// <summary>Loads one function into the worker.</summary>
    public async Task<FunctionLoadResponse> LoadFunctionAsync(FunctionLoadRequest request, CancellationToken cancellationToken = default) =>
        (await RequestAsync(new StreamingMessage { FunctionLoadRequest = request }, (MsgType.FunctionLoadResponse, request.FunctionId), cancellationToken))
        .FunctionLoadResponse;

    /// <summary>
    /// Sends one invocation and waits for its result. Cancelling sends InvocationCancel to the worker and
    /// stops waiting.
    /// </summary>
    /// <exception cref="WorkerUnavailableException">The stream ended before the worker answered.</exception>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken = default)
    {
        await using var cancel = cancellationToken.Register(() =>
            Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } }));
        return (await RequestAsync(new StreamingMessage { InvocationRequest = request }, (MsgType.InvocationResponse, request.InvocationId), cancellationToken))
            .InvocationResponse;
    }

    /// <summary>Asks the worker to shut down (it stops its host and exits).</summary>
    public void Terminate(TimeSpan gracePeriod) =>
        Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) } });

    /// <summary>
    /// Serves the stream the worker opened, after its StartStream message: writes the queued requests,
    /// dispatches what the worker sends, until either side ends it.
    /// </summary>
    internal async Task RunAsync(StartStream start, IAsyncStreamReader<StreamingMessage> fromWorker, IServerStreamWriter<StreamingMessage> toWorker, CancellationToken cancellationToken)
    {
        if (!_connected.TrySetResult(start))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Worker '{start.WorkerId}' already has a stream."));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = WriteAsync(toWorker, stop.Token);
        try
        {
            while (await fromWorker.MoveNext(stop.Token))
            {
                Dispatch(fromWorker.Current);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException || (e is RpcException r && r.StatusCode == StatusCode.Cancelled))
        {
            // The worker went away or the host is stopping: both end the stream below.
        }
        finally
        {
            _outbound.Writer.TryComplete();
            await stop.CancelAsync();
            await writing;
            Close();
        }
    }

    private async Task<StreamingMessage> RequestAsync(StreamingMessage request, (MsgType, string) answerKey, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(answerKey, answer))
        {
            throw new InvalidOperationException($"A {answerKey.Item1} for '{answerKey.Item2}' is already awaited.");
        }

        try
        {
            if (_disconnected.Task.IsCompleted)
            {
                throw new WorkerUnavailableException("The worker is not connected.");
            }

            Send(request);
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(answerKey, out _);
        }
    }

    private void Send(StreamingMessage message)
    {
        message.RequestId = Guid.NewGuid().ToString();
        _outbound.Writer.TryWrite(message);
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> toWorker, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
            {
                await toWorker.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The stream is closing; pending requests fail in Close().
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        var key = message.ContentCase switch
        {
            MsgType.WorkerInitResponse or MsgType.FunctionMetadataResponse => (message.ContentCase, string.Empty),
            MsgType.FunctionLoadResponse => (message.ContentCase, message.FunctionLoadResponse.FunctionId),
            MsgType.InvocationResponse => (message.ContentCase, message.InvocationResponse.InvocationId),
            _ => ((MsgType, string)?)null,
        };

        if (key is { } k)
        {
            if (_pending.TryGetValue(k, out var answer))
            {
                answer.TrySetResult(message);
            }
            else
            {
                // An answer to a request no longer awaited (a cancelled invocation, for one).
                _logger.LogDebug("Unawaited {Kind} from the worker for '{Key}'", k.Item1, k.Item2);
            }

            return;
        }

        switch (message.ContentCase)
        {
            case MsgType.RpcLog:
                WriteWorkerLog(message.RpcLog);
                break;
            case MsgType.WorkerStatusResponse or MsgType.WorkerHeartbeat:
                break;
            default:
                _logger.LogDebug("Ignored {Kind} from the worker", message.ContentCase);
                break;
        }
    }

    private void WriteWorkerLog(RpcLog log)
    {
        var level = log.Level switch
            {
                RpcLog.Types.Level.Trace => LogLevel.Trace,
                RpcLog.Types.Level.Debug => LogLevel.Debug,
                RpcLog.Types.Level.Information => LogLevel.Information,
                RpcLog.Types.Level.Warning => LogLevel.Warning,
                RpcLog.Types.Level.Error => LogLevel.Error,
                RpcLog.Types.Level.Critical => LogLevel.Critical,
                _ => LogLevel.None,
            };

        // The worker's plumbing (its own and ASP.NET Core's) logs at Debug below Warning; what the functions
        // log keeps its level.
        if (level < LogLevel.Warning && (log.LogCategory == RpcLog.Types.RpcLogCategory.System || IsFramework(log.Category)))
        {
            level = LogLevel.Debug;
        }

        if (!_workerLog.IsEnabled(level))
        {
            return;
        }

        if (log.Exception is { } exception)
        {
            _workerLog.Log(level, "[{Category}] {Message}{NewLine}{Exception}: {ExceptionMessage}{NewLine}{StackTrace}",
                log.Category, log.Message, Environment.NewLine, exception.Type, exception.Message, Environment.NewLine, exception.StackTrace);
        }
        else
        {
            _workerLog.Log(level, "[{Category}] {Message}", log.Category, log.Message);
        }
    }

    private static bool IsFramework(string category) =>
        category.StartsWith("Microsoft.", StringComparison.Ordinal) || category.StartsWith("System.", StringComparison.Ordinal)
        || category.StartsWith("Grpc.", StringComparison.Ordinal);

    private void Close()
    {
        _disconnected.TrySetResult();
        foreach (var answer in _pending.Values)
        {
            answer.TrySetException(new WorkerUnavailableException("The worker closed its stream before answering."));
        }

        _logger.LogDebug("Worker stream closed");
    }
}

/// <summary>The worker cannot answer: its stream is closed (it exited, crashed or is stopping).</summary>
internal sealed class WorkerUnavailableException(string message) : Exception(message);
