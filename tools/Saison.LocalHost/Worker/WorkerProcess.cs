using System.Diagnostics;
using System.Globalization;
using Saison.LocalHost.App;

namespace Saison.LocalHost.Worker;

/// <summary>
/// The worker process, started as the Functions host starts it: the app's worker with the host's gRPC
/// address on its command line and the host's environment plus the Functions variables. Its console is
/// echoed to the log; it never outlives the host.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>The largest gRPC message either side accepts (the Functions host sends int.MaxValue).</summary>
    public const int MaxMessageLength = int.MaxValue;

    /// <summary>
    /// Listener settings the worker must not inherit: its ASP.NET Core integration listens where its
    /// <c>HttpUri</c> capability says, and a container's <c>ASPNETCORE_HTTP_PORTS</c> would move it.
    /// </summary>
    private static readonly string[] ListenerVariables =
    [
        "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS",
        "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS", "HTTP_PORTS", "HTTPS_PORTS",
    ];

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly Task<int> _exited;

    private WorkerProcess(Process process, ILogger logger)
    {
        _process = process;
        _logger = logger;
        _exited = WatchAsync();
        AppDomain.CurrentDomain.ProcessExit += KillOnHostExit;
    }

    /// <summary>The operating system's id of the worker process.</summary>
    public int Id => _process.Id;

    /// <summary>Completes with the exit code when the worker process ends, for whatever reason.</summary>
    public Task<int> Exited => _exited;

    /// <summary>
    /// Runs a command of the app's own (its worker executable with <paramref name="command"/>, no host, no
    /// gRPC), its console the caller's, and returns its exit code.
    /// </summary>
    public static async Task<int> RunCommandAsync(FunctionAppDirectory app, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var worker = app.Worker;
        var start = new ProcessStartInfo(ResolveExecutable(worker.Executable)) { WorkingDirectory = app.Path, UseShellExecute = false };
        foreach (var argument in worker.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (worker.WorkerPath is not null)
        {
            start.ArgumentList.Add(worker.WorkerPath);
        }

        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        SetFunctionsEnvironment(start, app);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>
    /// The host's own environment passes through (Saison__DataDirectory and the like reach the app), plus what
    /// the Functions host sets for an isolated worker.
    /// </summary>
    private static void SetFunctionsEnvironment(ProcessStartInfo start, FunctionAppDirectory app)
    {
        foreach (var name in ListenerVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = app.Path;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = app.Path;
        start.Environment["AzureWebJobsScriptRoot"] = app.Path;
        // A local run is a development run, as with Core Tools, unless the environment says otherwise.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT")))
        {
            start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        }

        // The app's gen0 budget, as its Azure app settings give it (infra/main.bicep), unless the environment says otherwise.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Gen0SizeVariable)))
        {
            start.Environment[Gen0SizeVariable] = Gen0Size;
        }
    }

    /// <summary>
    /// The .NET runtime's gen0 budget (only an environment variable sets it): 64 MiB. A season's claims, requests and views
    /// churn through the heap; with the default budget the ×10 season-scale scenario spent about a tenth of its time in
    /// thousands of gen0 and gen1 collections (README, Benchmarks).
    /// </summary>
    public const string Gen0SizeVariable = "DOTNET_GCgen0size";

    /// <summary>The value of <see cref="Gen0SizeVariable"/>: hexadecimal bytes, as the runtime reads it.</summary>
    public const string Gen0Size = "0x4000000";

    /// <summary>Starts the worker described by the app's worker.config.json.</summary>
    /// <param name="app">The published app.</param>
    /// <param name="rpcAddress">The host's gRPC address (<c>--functions-uri</c>).</param>
    /// <param name="workerId">The id the worker must present in its StartStream message.</param>
    /// <param name="logger">Where the worker's console lines go.</param>
    public static WorkerProcess Start(FunctionAppDirectory app, Uri rpcAddress, string workerId, ILogger logger)
    {
        var worker = app.Worker;
        var start = new ProcessStartInfo(ResolveExecutable(worker.Executable))
        {
            WorkingDirectory = app.Path,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in worker.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (worker.WorkerPath is not null)
        {
            start.ArgumentList.Add(worker.WorkerPath);
        }

        foreach (var argument in worker.WorkerArguments)
        {
            start.ArgumentList.Add(argument);
        }

        AddArgument(start, "--functions-uri", rpcAddress.AbsoluteUri);
        AddArgument(start, "--functions-worker-id", workerId);
        AddArgument(start, "--functions-request-id", Guid.NewGuid().ToString());
        AddArgument(start, "--functions-grpc-max-message-length", MaxMessageLength.ToString(CultureInfo.InvariantCulture));

        SetFunctionsEnvironment(start, app);
        var process = new Process { StartInfo = start };

        process.OutputDataReceived += (_, line) => Echo(logger, line.Data, LogLevel.Information);
        process.ErrorDataReceived += (_, line) => Echo(logger, line.Data, LogLevel.Warning);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logger.LogInformation("Worker process {Pid} started: {Command} {Arguments}", process.Id, start.FileName, string.Join(' ', start.ArgumentList));
        return new WorkerProcess(process, logger);
    }

    /// <summary>
    /// Waits for the worker to exit (after the host sent it WorkerTerminate), then kills it and its
    /// children if it has not exited within <paramref name="grace"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_exited.IsCompleted)
        {
            return;
        }

        try
        {
            await _exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Worker process {Pid} still running after {Grace}; killing it", Id, grace);
            Kill();
            await _exited;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnHostExit;
        if (!_exited.IsCompleted)
        {
            Kill();
            await _exited;
        }

        _process.Dispose();
    }

    /// <summary>"dotnet" means the .NET host that runs this program, when it is one; else the one on the PATH.</summary>
    private static string ResolveExecutable(string executable)
    {
        if (!string.Equals(executable, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return executable;
        }

        var current = Environment.ProcessPath;
        if (current is not null && string.Equals(Path.GetFileNameWithoutExtension(current), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : executable;
    }

    private static void AddArgument(ProcessStartInfo start, string name, string value)
    {
        start.ArgumentList.Add(name);
        start.ArgumentList.Add(value);
    }

    private static void Echo(ILogger logger, string? line, LogLevel level)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.Log(level, "{WorkerConsole}", line);
        }
    }

    private async Task<int> WatchAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the check and the kill.
        }
    }

    private void KillOnHostExit(object? sender, EventArgs e) => Kill();
}
