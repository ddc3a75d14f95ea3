using System.Diagnostics;
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

    private readonly ILogger _logger;
    private readonly List<IAsyncDisposable> _started = [];
    private WorkerChannel? _channel;
    private WorkerProcess? _worker;
    private HttpProxy? _proxy;

    private FunctionsLocalHost(FunctionAppDirectory app, ILogger logger)
    {
        App = app;
        _logger = logger;
    }

    /// <summary>The app this host runs.</summary>
    public FunctionAppDirectory App { get; }

    /// <summary>The functions the worker loaded.</summary>
    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];

    /// <summary>The worker's capabilities, from its WorkerInitResponse.</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The HTTP address clients call.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The worker's process id.</summary>
    public int WorkerProcessId => _worker?.Id ?? 0;

    /// <summary>Completes with the worker's exit code when it exits (the host should then stop).</summary>
    public Task<int> WorkerExited => _worker?.Exited ?? Task.FromResult(0);

    /// <summary>From the start of the host to the worker's StartStream (the worker's cold start).</summary>
    public TimeSpan WorkerConnectedAfter { get; private set; }

    /// <summary>From the start of the host to serving HTTP with every function loaded.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>Starts the host; returns once it serves HTTP with every function loaded.</summary>
    /// <exception cref="InvalidOperationException">The app or its worker could not be started.</exception>
    public static async Task<FunctionsLocalHost> StartAsync(LocalHostOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var host = new FunctionsLocalHost(FunctionAppDirectory.Load(options.AppDirectory), loggerFactory.CreateLogger<FunctionsLocalHost>());
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(StartupTimeout);
            await host.StartAsync(options.Port, loggerFactory, time ?? TimeProvider.System, startup.Token);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops serving, stops the timers, asks the worker to terminate and kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        // The public server and the timers first (last started, first stopped), then the worker, then gRPC.
        var rpc = _started.OfType<RpcServer>().FirstOrDefault();
        foreach (var part in Enumerable.Reverse(_started).Where(p => p is not RpcServer))
        {
            await part.DisposeAsync();
        }

        if (_worker is not null)
        {
            if (!_worker.Exited.IsCompleted && _channel?.Connected.IsCompleted == true && !_channel.Disconnected.IsCompleted)
            {
                _channel.Terminate(ShutdownGrace);
            }

            await _worker.StopAsync(ShutdownGrace);
            _logger.LogInformation("Worker process {Pid} exited with code {ExitCode}", _worker.Id, await _worker.Exited);
            await _worker.DisposeAsync();
        }

        if (rpc is not null)
        {
            await rpc.DisposeAsync();
        }

        _proxy?.Dispose();
    }

    private async Task StartAsync(int port, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        _channel = new WorkerChannel(Guid.NewGuid().ToString(), loggerFactory);
        _started.Add(await RpcServer.StartAsync(_channel, loggerFactory, cancellationToken));
        var rpc = (RpcServer)_started[^1];

        _worker = WorkerProcess.Start(App, rpc.Address, _channel.WorkerId, loggerFactory.CreateLogger("Worker.Console"));
        await Task.WhenAny(_channel.Connected, _worker.Exited).WaitAsync(cancellationToken);
        if (!_channel.Connected.IsCompleted)
        {
            throw new InvalidOperationException($"The worker exited with code {await _worker.Exited} before connecting to the host.");
        }

        WorkerConnectedAfter = clock.Elapsed;
        var init = await _channel.InitializeAsync(
            new WorkerInitRequest { HostVersion = HostVersion, FunctionAppDirectory = App.Path, WorkerDirectory = App.Path },
            cancellationToken);
        if (init.Result.Status == StatusResult.Types.Status.Failure)
        {
            throw new InvalidOperationException($"The worker failed to initialise: {init.Result.Exception?.Message}");
        }

        WorkerCapabilities = new Dictionary<string, string>(init.Capabilities);
        Functions = await FunctionLoader.LoadAsync(_channel, App, _logger, cancellationToken);

        if (WorkerCapabilities.TryGetValue(HttpUriCapability, out var httpUri))
        {
            _proxy = new HttpProxy(new Uri(httpUri));
        }
        else if (Functions.Any(f => f.IsHttp))
        {
            throw new InvalidOperationException(
                "The worker reports no HttpUri capability: this host serves HTTP functions through the worker's ASP.NET Core "
                + "integration only (ConfigureFunctionsWebApplication).");
        }

        var timers = new TimerScheduler(_channel, time, loggerFactory.CreateLogger<TimerScheduler>());
        _started.Add(timers);
        timers.Start(Functions, Environment.GetEnvironmentVariable);

        var invoker = _proxy is null ? null : new HttpFunctionInvoker(_channel, _proxy, loggerFactory.CreateLogger<HttpFunctionInvoker>());
        var server = await PublicServer.StartAsync(port, App.RoutePrefix, Functions, invoker, timers, _worker.Id, loggerFactory, cancellationToken);
        _started.Add(server);
        Address = server.Address;
        ReadyAfter = clock.Elapsed;
        foreach (var line in Banner())
        {
            _logger.LogInformation("{Banner}", line);
        }
    }

    /// <summary>The host version the worker is told (the Functions runtime major version it may rely on).</summary>
    private static string HostVersion => $"4.0.0-saison-localhost+{typeof(FunctionsLocalHost).Assembly.GetName().Version}";

    /// <summary>The list of functions and their addresses, as Core Tools prints it.</summary>
    private IEnumerable<string> Banner()
    {
        yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
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
