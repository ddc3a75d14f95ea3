using System.Diagnostics;
using System.Globalization;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Saison.LocalHost.App;
using Saison.LocalHost.Functions;
using Saison.LocalHost.Http;
using Saison.LocalHost.Rpc;
using Saison.LocalHost.Timers;
using Saison.LocalHost.Worker;

namespace Saison.LocalHost;

/// <summary>
/// The local Functions host for one app: starts the gRPC server and the worker, does the handshake
/// (StartStream, WorkerInitRequest, FunctionsMetadataRequest, FunctionLoadRequest), then serves the HTTP
/// functions and fires the timers until it is disposed, which stops the worker too.
/// </summary>
internal sealed class FunctionsLocalHost : IAsyncDisposable
{
    /// <summary>The worker capability that gives the address of its HTTP server (ASP.NET Core integration).</summary>
    public const string HttpUriCapability = "HttpUri";

    /// <summary>How long the worker may take from its start to loaded functions.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long the worker has to exit once told to terminate.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly WorkerChannel _channel;
    private RpcServer? _rpc;
    private WorkerProcess? _worker;
    private HttpProxy? _proxy;
    private TimerScheduler? _timers;
    private PublicServer? _server;

    private FunctionsLocalHost(FunctionAppDirectory app, ILoggerFactory loggerFactory)
    {
        App = app;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<FunctionsLocalHost>();
        _channel = new WorkerChannel(Guid.NewGuid().ToString(), loggerFactory);
    }

    /// <summary>The app this host runs.</summary>
    public FunctionAppDirectory App { get; }

    /// <summary>The functions the worker loaded.</summary>
    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];

    /// <summary>The worker's capabilities, from its WorkerInitResponse.</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The HTTP address clients call.</summary>
    public Uri Address => _server?.Address ?? throw new InvalidOperationException("The host is not serving.");

    /// <summary>The worker's process id.</summary>
    public int WorkerProcessId => _worker?.Id ?? throw new InvalidOperationException("The worker has not started.");

    /// <summary>Completes with the worker's exit code when it exits (the host should then stop).</summary>
    public Task<int> WorkerExited => _worker?.Exited ?? throw new InvalidOperationException("The worker has not started.");

    /// <summary>From the start of the host to the worker's StartStream (the worker's cold start).</summary>
    public TimeSpan WorkerConnectedAfter { get; private set; }

    /// <summary>From the start of the host to serving HTTP with every function loaded.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>Starts the host; returns once it serves HTTP with every function loaded.</summary>
    /// <param name="options">The app and the port.</param>
    /// <param name="loggerFactory">Where the host's, the worker's and the functions' logs go.</param>
    /// <param name="time">The clock of the timer schedules.</param>
    /// <param name="cancellationToken">Cancels the start (which is also bounded by <see cref="StartupTimeout"/>).</param>
    /// <exception cref="InvalidOperationException">The app or its worker could not be started.</exception>
    public static async Task<FunctionsLocalHost> StartAsync(LocalHostOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var host = new FunctionsLocalHost(FunctionAppDirectory.Load(options.AppDirectory), loggerFactory);
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(StartupTimeout);
            await host.StartAsync(options.Port, time ?? TimeProvider.System, startup.Token);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops serving and the timers, asks the worker to terminate, kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_timers is not null)
        {
            await _timers.DisposeAsync();
        }

        if (_worker is not null)
        {
            if (!_worker.Exited.IsCompleted && _channel.Connected.IsCompleted && !_channel.Disconnected.IsCompleted)
            {
                _channel.Terminate(ShutdownGrace);
            }

            await _worker.StopAsync(ShutdownGrace);
            _logger.LogInformation("Worker process {Pid} exited with code {ExitCode}", _worker.Id, await _worker.Exited);
            await _worker.DisposeAsync();
        }

        if (_rpc is not null)
        {
            await _rpc.DisposeAsync();
        }

        _proxy?.Dispose();
    }

    private async Task StartAsync(int port, TimeProvider time, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        _rpc = await RpcServer.StartAsync(_channel, _loggerFactory, cancellationToken);
        _worker = WorkerProcess.Start(App, _rpc.Address, _channel.WorkerId, _loggerFactory.CreateLogger("Worker.Console"));
        await Task.WhenAny(_channel.Connected, _worker.Exited).WaitAsync(cancellationToken);
        if (!_channel.Connected.IsCompleted)
        {
            throw new InvalidOperationException($"The worker exited with code {await _worker.Exited} before connecting to the host.");
        }

        WorkerConnectedAfter = clock.Elapsed;
        await InitializeWorkerAsync(cancellationToken);
        Functions = await FunctionLoader.LoadAsync(_channel, App, _logger, cancellationToken);

        HttpFunctionInvoker? invoker = null;
        if (WorkerCapabilities.TryGetValue(HttpUriCapability, out var httpUri))
        {
            _proxy = new HttpProxy(new Uri(httpUri));
            invoker = new HttpFunctionInvoker(_channel, _proxy, _loggerFactory.CreateLogger<HttpFunctionInvoker>());
        }
        else if (Functions.Any(f => f.IsHttp))
        {
            throw new InvalidOperationException(
                "The worker reports no HttpUri capability: this host serves HTTP functions through the worker's ASP.NET Core "
                + "integration only (ConfigureFunctionsWebApplication).");
        }

        _timers = new TimerScheduler(_channel, time, _loggerFactory.CreateLogger<TimerScheduler>());
        _timers.Start(Functions, Environment.GetEnvironmentVariable);
        _server = await PublicServer.StartAsync(port, App.RoutePrefix, Functions, invoker, _timers, _worker.Id, _loggerFactory, cancellationToken);
        ReadyAfter = clock.Elapsed;
        foreach (var line in Banner())
        {
            _logger.LogInformation("{Banner}", line);
        }
    }

    private async Task InitializeWorkerAsync(CancellationToken cancellationToken)
    {
        var init = await _channel.InitializeAsync(
            new WorkerInitRequest { HostVersion = HostVersion, FunctionAppDirectory = App.Path, WorkerDirectory = App.Path },
            cancellationToken);
        if (init.Result.Status == StatusResult.Types.Status.Failure)
        {
            throw new InvalidOperationException($"The worker failed to initialise: {init.Result.Exception?.Message}");
        }

        WorkerCapabilities = new Dictionary<string, string>(init.Capabilities);
    }

    /// <summary>The host version the worker is told: the Functions runtime version this host stands in for.</summary>
    private static string HostVersion => "4.0.0-saison-localhost";

    /// <summary>The functions and their addresses, as Core Tools lists them.</summary>
    private IEnumerable<string> Banner()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Worker connected after {WorkerConnectedAfter.TotalMilliseconds:F0} ms; {Functions.Count} functions loaded; serving after {ReadyAfter.TotalMilliseconds:F0} ms.");
        foreach (var function in Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            yield return function.IsHttp
                ? $"  {function.Name}: [{string.Join(',', FunctionRoutes.Methods(function) is { Count: > 0 } m ? m : ["*"])}] {Address}{FunctionRoutes.Template(App.RoutePrefix, function)}"
                : $"  {function.Name}: {function.Trigger.Type} {function.Trigger.Schedule}";
        }

        yield return "Press Ctrl+C to stop.";
    }
}
