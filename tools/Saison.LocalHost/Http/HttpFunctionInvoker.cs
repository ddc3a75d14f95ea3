using System.Diagnostics;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Saison.LocalHost.Functions;
using Saison.LocalHost.Rpc;

namespace Saison.LocalHost.Http;

/// <summary>
/// Runs an HTTP function for one request the way the Functions host does with the worker's ASP.NET Core
/// integration: the request is forwarded to the worker and the InvocationRequest sent over gRPC, both
/// under one invocation id; the worker's answer goes back to the client unless the invocation failed,
/// which becomes a 500 problem.
/// </summary>
/// <remarks>
/// The worker answers the forwarded request even when the function throws (an empty 200), so its answer
/// is held — up to <see cref="HeldBodyLimit"/> bytes — until the invocation's outcome is known. A larger
/// answer is streamed as it comes, and a failure after that can only be logged.
/// </remarks>
internal sealed class HttpFunctionInvoker(WorkerChannel channel, HttpProxy proxy, ILogger<HttpFunctionInvoker> logger)
{
    /// <summary>How much of the worker's answer is held while waiting for the invocation's outcome.</summary>
    public const int HeldBodyLimit = 1024 * 1024;

    /// <summary>How long the outcome and the worker's answer may lag behind each other.</summary>
    private static readonly TimeSpan OutcomeDelay = TimeSpan.FromSeconds(10);

    /// <summary>Handles <paramref name="context"/> with <paramref name="function"/>.</summary>
    public async Task InvokeAsync(HttpContext context, LoadedFunction function)
    {
        var started = Stopwatch.GetTimestamp();
        var request = HttpInvocationRequest.Create(function, context);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);

        // Forward first, as the Functions host does, so the worker has the request when the invocation arrives.
        var forwarding = proxy.SendAsync(context, request.InvocationId, abandon.Token);
        var invocation = channel.InvokeAsync(request, abandon.Token);
        try
        {
            await Task.WhenAny(forwarding, invocation);
            if (invocation.IsCompleted && (await invocation).Failed())
            {
                await FailAsync(context, function, request, await invocation);
                return;
            }

            // Once the function has run, the worker's answer follows at once.
            using var response = invocation.IsCompleted ? await forwarding.WaitAsync(OutcomeDelay, context.RequestAborted) : await forwarding;
            await using var body = await HeldBody.ReadAsync(response, HeldBodyLimit, context.RequestAborted);
            var outcome = body.IsComplete
                ? await invocation.WaitAsync(OutcomeDelay, context.RequestAborted)
                : invocation.IsCompleted ? await invocation : null;
            if (outcome?.Failed() == true)
            {
                await FailAsync(context, function, request, outcome);
                return;
            }

            HttpProxy.CopyStatusAndHeaders(response, context.Response);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
            if (outcome is null && (await invocation).Failed())
            {
                logger.LogError("Function {Function} failed ({InvocationId}) after its answer had started: {Error}",
                    function.Name, request.InvocationId, (await invocation).Describe());
                return;
            }

            logger.LogInformation("Executed '{Function}' ({Status}, id: {InvocationId}, {Duration:F0} ms)",
                function.Name, context.Response.StatusCode, request.InvocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when ((e is HttpRequestException or IOException or WorkerUnavailableException or TimeoutException)
            && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError("Function {Function} could not run ({InvocationId}): {Error}", function.Name, request.InvocationId, e.Message);
            if (!context.Response.HasStarted)
            {
                await Problems.InternalError(context, function.Name, request.InvocationId).ExecuteAsync(context);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the worker was told to cancel the invocation.
        }
        finally
        {
            await abandon.CancelAsync();
            Observe(forwarding, invocation);
        }
    }

    private async Task FailAsync(HttpContext context, LoadedFunction function, InvocationRequest request, InvocationResponse outcome)
    {
        logger.LogError("Function {Function} failed ({InvocationId}): {Error}", function.Name, request.InvocationId, outcome.Describe());
        await Problems.InternalError(context, function.Name, request.InvocationId).ExecuteAsync(context);
    }

    /// <summary>Disposes an answer that arrived too late and observes the exceptions of abandoned tasks.</summary>
    private static void Observe(Task<HttpResponseMessage> forwarding, Task<InvocationResponse> invocation)
    {
        forwarding.ContinueWith(
            static t => { if (t.IsCompletedSuccessfully) { t.Result.Dispose(); } else { _ = t.Exception; } },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        invocation.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The start of the worker's answer, held in memory, and the rest of it still to read.</summary>
    private sealed class HeldBody : IAsyncDisposable
    {
        private readonly MemoryStream _held;
        private readonly Stream _rest;

        private HeldBody(MemoryStream held, Stream rest, bool isComplete)
        {
            _held = held;
            _rest = rest;
            IsComplete = isComplete;
        }

        /// <summary>Whether the whole answer is held.</summary>
        public bool IsComplete { get; }

        /// <summary>Reads the answer until its end or until <paramref name="limit"/> bytes are held.</summary>
        public static async Task<HeldBody> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
        {
            var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            var held = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (held.Length < limit)
            {
                var read = await source.ReadAsync(chunk, cancellationToken);
                if (read == 0)
                {
                    return new HeldBody(held, source, isComplete: true);
                }

                held.Write(chunk, 0, read);
            }

            return new HeldBody(held, source, isComplete: false);
        }

        /// <summary>Writes what is held, then streams the rest.</summary>
        public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
        {
            _held.Position = 0;
            await _held.CopyToAsync(destination, cancellationToken);
            if (!IsComplete)
            {
                await _rest.CopyToAsync(destination, cancellationToken);
            }
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await _held.DisposeAsync();
            await _rest.DisposeAsync();
        }
    }
}
