using Microsoft.Extensions.Logging;

namespace Saison.LocalHost.Tests.Infrastructure;

/// <summary>
/// The test worker app run by the local host, in this process, on a free port: started once for the
/// tests that share it. Timer functions write their markers into <see cref="MarkerDirectory"/>.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    /// <summary>The variable the test worker reads its marker folder from (Nightly.MarkerDirectoryVariable).</summary>
    public const string MarkerDirectoryVariable = "LOCALHOST_TEST_MARKERS";

    private readonly CollectingLoggerProvider _logs = new();
    private ILoggerFactory? _loggerFactory;
    private FunctionsLocalHost? _host;

    /// <summary>Where the worker's timer functions leave their marker files.</summary>
    public string MarkerDirectory { get; } = Directory.CreateTempSubdirectory("saison-localhost-markers-").FullName;

    internal FunctionsLocalHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>A client of the host's HTTP address.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>What the host logged so far.</summary>
    public IReadOnlyCollection<string> Logs => _logs.Lines;

    public async Task InitializeAsync()
    {
        // The worker inherits the host's environment: this is how the marker folder reaches it.
        Environment.SetEnvironmentVariable(MarkerDirectoryVariable, MarkerDirectory);
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        _host = await StartHostAsync(_loggerFactory);
        Client = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _loggerFactory?.Dispose();
        Directory.Delete(MarkerDirectory, recursive: true);
    }

    /// <summary>Starts another host of the test worker (for tests that stop or break it).</summary>
    internal static Task<FunctionsLocalHost> StartHostAsync(ILoggerFactory loggerFactory) =>
        FunctionsLocalHost.StartAsync(new LocalHostOptions(BuiltApps.TestWorkerDirectory, FreePort.Next()), loggerFactory);

    /// <summary>Waits (polling, bounded) for a marker file whose name starts with <paramref name="prefix"/>.</summary>
    public async Task<string?> WaitForMarkerAsync(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            var marker = Directory.EnumerateFiles(MarkerDirectory, prefix + "*").FirstOrDefault();
            if (marker is not null)
            {
                return marker;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        return null;
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host";
}
