using System.Net;
using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace Saison.Calendars.Outlook;

/// <summary>
/// Builds the <see cref="GraphServiceClient"/> Saison uses: app-only (client secret or managed
/// identity), tokens only for Graph's own host, and the SDK's pipeline with its retry handler
/// replaced by <see cref="ThrottlingRetryHandler"/> (Retry-After honoured through an injectable
/// delay, so tests never sleep).
/// </summary>
public static class OutlookGraph
{
    /// <summary>
    /// The app-only credential the options describe: a client secret if one is given; else the app
    /// registration (TenantId, ClientId) signed in by the managed identity's federated credential;
    /// else the managed identity itself.
    /// </summary>
    public static TokenCredential Credential(OutlookSyncOptions options, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            var secretOptions = new ClientSecretCredentialOptions { AuthorityHost = options.AuthorityHost ?? AzureAuthorityHosts.AzurePublicCloud };
            if (transport is not null)
            {
                secretOptions.Transport = new Azure.Core.Pipeline.HttpClientTransport(transport);
                secretOptions.DisableInstanceDiscovery = true;
            }

            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret, secretOptions);
        }

        var identityOptions = new ManagedIdentityCredentialOptions(string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        var managedIdentity = new ManagedIdentityCredential(identityOptions);
        if (string.IsNullOrWhiteSpace(options.TenantId) || string.IsNullOrWhiteSpace(options.ClientId))
        {
            return managedIdentity;
        }

        // The app registration signed in by the managed identity through a federated credential:
        // the identity's token for the exchange audience is the registration's client assertion.
        return new ClientAssertionCredential(
            options.TenantId,
            options.ClientId,
            async cancellationToken => (await managedIdentity.GetTokenAsync(new TokenRequestContext(["api://AzureADTokenExchange/.default"]), cancellationToken).ConfigureAwait(false)).Token,
            new ClientAssertionCredentialOptions { AuthorityHost = options.AuthorityHost ?? AzureAuthorityHosts.AzurePublicCloud });
    }

    /// <summary>A client for <paramref name="options"/>' Graph base URL with <paramref name="credential"/>.</summary>
    public static GraphServiceClient Client(OutlookSyncOptions options, TokenCredential credential, Func<TimeSpan, CancellationToken, Task> delay, TimeProvider time, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            if (handlers[i] is Microsoft.Kiota.Http.HttpClientLibrary.Middleware.RetryHandler)
            {
                handlers[i] = new ThrottlingRetryHandler(delay, options.MaxRetries, time);
            }
        }

        var pipeline = GraphClientFactory.CreatePipeline(handlers, transport ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        var http = new HttpClient(pipeline) { Timeout = TimeSpan.FromMinutes(2) };
        var baseUrl = options.GraphBaseUrl.ToString().TrimEnd('/');
        // App-only: the ".default" scope asks for the application permissions granted (Calendars.ReadWrite, Mail.Send).
        var authentication = new AzureIdentityAuthenticationProvider(credential, [options.GraphBaseUrl.Host], null, true, "https://graph.microsoft.com/.default");
        return new GraphServiceClient(http, authentication, baseUrl);
    }
}

/// <summary>
/// Retries 429, 503 and 504 answers after their Retry-After (seconds or a date), else after an
/// exponential back-off, up to a limit. POSTs are retried too: creates carry a transactionId, and a
/// request sent again after a 503/504 (the work may have been done) is noted in its
/// <see cref="ResendRecord"/>, so that the sync compares with the mailbox on its next run should Graph
/// not have recognised the transactionId.
/// </summary>
public sealed class ThrottlingRetryHandler : DelegatingHandler
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly int _maxRetries;
    private readonly TimeProvider _time;

    public ThrottlingRetryHandler(Func<TimeSpan, CancellationToken, Task> delay, int maxRetries, TimeProvider time)
    {
        _delay = delay;
        _maxRetries = maxRetries;
        _time = time;
    }

    public static bool IsThrottled(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The wait an answer asks for, or <paramref name="fallback"/>.</summary>
    public static TimeSpan RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header, TimeSpan fallback, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            return date > now ? date - now : TimeSpan.Zero;
        }

        return fallback;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var contentHeaders = request.Content?.Headers.ToList();
        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!IsThrottled(response.StatusCode) || attempt >= _maxRetries)
            {
                return response;
            }

            var wait = RetryAfter(response.Headers.RetryAfter, TimeSpan.FromSeconds(Math.Pow(2, attempt)), _time.GetUtcNow());
            if (request.GetRequestOption<ResendRecord>() is { } resend)
            {
                resend.Resent++;
                resend.AfterPossibleWork |= response.StatusCode != HttpStatusCode.TooManyRequests;
            }

            response.Dispose();
            await _delay(wait, cancellationToken).ConfigureAwait(false);

            // The request is sent again: its content must be fresh.
            if (body is not null)
            {
                var content = new ByteArrayContent(body);
                foreach (var header in contentHeaders!)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                request.Content = content;
            }
        }
    }
}
