using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Saison.LocalHost.Functions;
using Saison.LocalHost.Timers;

namespace Saison.LocalHost.Http;

/// <summary>
/// The HTTP server clients call (127.0.0.1, port 7071 by default): one endpoint per HTTP function, the
/// admin endpoints, and a French 404 problem for everything else.
/// </summary>
internal sealed class PublicServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PublicServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:7071/.</summary>
    public Uri Address { get; }

    /// <summary>Starts serving the loaded functions.</summary>
    /// <param name="port">The port on 127.0.0.1.</param>
    /// <param name="routePrefix">host.json's route prefix.</param>
    /// <param name="functions">The loaded functions: the HTTP ones get an endpoint each.</param>
    /// <param name="invoker">Runs HTTP functions; null when the app has none.</param>
    /// <param name="timers">Runs timer functions on demand (admin endpoint).</param>
    /// <param name="workerProcessId">Reported by the status endpoint.</param>
    /// <param name="loggerFactory">The host's logging.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<PublicServer> StartAsync(
        int port,
        string routePrefix,
        IReadOnlyList<LoadedFunction> functions,
        HttpFunctionInvoker? invoker,
        TimerScheduler timers,
        int workerProcessId,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The worker's own Server header passes through; the Functions host's limit on request bodies is 100 MB.
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });

        var app = builder.Build();
        app.MapAdmin(functions, timers, workerProcessId);
        if (invoker is not null)
        {
            app.MapFunctions(functions, routePrefix, function => context => invoker.InvokeAsync(context, function));
        }

        app.MapFallback("{*path}", context => Problems.NotFound(context).ExecuteAsync(context));
        await app.StartAsync(cancellationToken);
        return new PublicServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
