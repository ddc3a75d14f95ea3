using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace Saison.LocalHost.Http;

/// <summary>
/// Forwards a client's HTTP request to the worker's own HTTP server (the <c>HttpUri</c> its ASP.NET Core
/// integration reports), tagged with the invocation it belongs to, as the Functions host does: the worker
/// pairs the request with the InvocationRequest of the same id, runs the function on it and answers.
/// </summary>
internal sealed class HttpProxy : IDisposable
{
    /// <summary>The header that ties the forwarded request to its InvocationRequest.</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    /// <summary>Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus Host.</summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", InvocationIdHeader,
    };

    /// <summary>Attempts to connect to the worker before giving up (about two seconds in all).</summary>
    private const int ConnectAttempts = 10;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastRetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    /// <summary>Creates the proxy to the worker listening at <paramref name="workerAddress"/>.</summary>
    public HttpProxy(Uri workerAddress) => WorkerAddress = workerAddress;

    /// <summary>The worker's HTTP address.</summary>
    public Uri WorkerAddress { get; }

    /// <summary>
    /// Sends the request to the worker; completes once the worker's status and headers have arrived
    /// (its body is read from the returned message as it comes). A refused connection is retried for a
    /// moment, as the Functions host does: the worker reports its HTTP address before it listens there.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpContext context, string invocationId, CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _invoker.SendAsync(CreateRequest(context, invocationId), cancellationToken);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && attempt < ConnectAttempts)
            {
                // Nothing was sent (not even the body): the same request can go again.
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Copies the worker's status and headers to the client's response.</summary>
    public static void CopyStatusAndHeaders(HttpResponseMessage from, HttpResponse to)
    {
        to.StatusCode = (int)from.StatusCode;
        foreach (var (name, values) in from.Headers.Concat(from.Content.Headers))
        {
            if (!NotForwarded.Contains(name))
            {
                to.Headers[name] = values.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _invoker.Dispose();

    private HttpRequestMessage CreateRequest(HttpContext context, string invocationId)
    {
        var incoming = context.Request;
        var target = new Uri(WorkerAddress, incoming.PathBase.Add(incoming.Path).ToUriComponent() + incoming.QueryString.ToUriComponent());
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (!NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        // The worker applies X-Forwarded-* (its ASP.NET Core integration trusts the host on loopback), so
        // the app sees the address the client called, not the worker's.
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        if (context.Connection.RemoteIpAddress is { } client)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", client.ToString());
        }

        request.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return request;
    }
}
