using System.Runtime.InteropServices;
using Saison.LocalHost;

// The local Functions host: dotnet run --project tools/Saison.LocalHost -- --app <published app> [--port 7071]
var (options, error) = LocalHostOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

// A command of the app's own (Saison's `token`): run once by the worker executable, no host.
if (options.AppCommand is { Count: > 0 } command)
{
    try
    {
        return await Saison.LocalHost.Worker.WorkerProcess.RunCommandAsync(Saison.LocalHost.App.FunctionAppDirectory.Load(options.AppDirectory), command, CancellationToken.None);
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss.fff ";
    })
    .SetMinimumLevel(LogLevel.Information)
    .AddFilter("Microsoft", LogLevel.Warning)
    .AddFilter("Grpc", LogLevel.Warning));
var logger = loggerFactory.CreateLogger("Saison.LocalHost");

// Ctrl+C and SIGTERM stop the host, which stops its worker.
using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

FunctionsLocalHost host;
try
{
    host = await FunctionsLocalHost.StartAsync(options, loggerFactory, cancellationToken: stop.Token);
}
catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or IOException
    or System.Text.Json.JsonException or System.ComponentModel.Win32Exception)
{
    logger.LogCritical("The host could not start: {Error}", stop.IsCancellationRequested ? "stopped" : e.Message);
    return 1;
}

var exitCode = 0;
await using (host)
{
    var stopped = new TaskCompletionSource();
    await using var onStop = stop.Token.Register(stopped.SetResult);
    if (await Task.WhenAny(stopped.Task, host.WorkerExited) == host.WorkerExited)
    {
        logger.LogCritical("The worker exited with code {ExitCode}; the host stops", await host.WorkerExited);
        exitCode = 1;
    }
    else
    {
        logger.LogInformation("Stopping");
    }
}

return exitCode;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
