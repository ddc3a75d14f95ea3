using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Saison.Storage.AzureTables;

namespace Saison.Storage.Tests.Azurite;

/// <summary>
/// Azurite's Table service, started from the project's own npm dependency (package.json pins
/// <c>azurite</c>) on a free loopback port, in memory, and killed on dispose. If
/// <c>node_modules</c> is missing it runs <c>npm ci</c> first (once, under a lock shared by every
/// test process), so a plain <c>dotnet test</c> works on a fresh clone. Never skipped: a machine
/// without node fails loudly. Free of xunit so other test projects can link this file.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable, IDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;
    private readonly string _workingDirectory;

    private AzuriteServer(Process process, int port, string workingDirectory)
    {
        _process = process;
        Port = port;
        _workingDirectory = workingDirectory;
    }

    /// <summary>The loopback port the Table service listens on.</summary>
    public int Port { get; }

    /// <summary>Azurite's well-known development account (documented by the emulator; no secret).</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (documented by the emulator; no secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The Table service endpoint of this emulator (path-style: the account is the first segment).</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{AccountName}");

    /// <summary>A connection string as a user would write it for this emulator.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint}";

    /// <summary>A store on this emulator.</summary>
    public AzureTableStore CreateStore(AzureTableStoreOptions? options = null) => new(ConnectionString, options);

    /// <summary>Starts Azurite and waits until it answers (at most <paramref name="timeout"/>, 60 s by default).</summary>
    public static async Task<AzuriteServer> StartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot();
        var executable = await EnsureInstalledAsync(root, cancellationToken).ConfigureAwait(false);
        var port = FreePort();
        var workingDirectory = Directory.CreateTempSubdirectory("saison-azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                     "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteServer(process, port, workingDirectory);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}: {output}");
            }

            try
            {
                // Any HTTP answer (403 without a signature) means the service is up.
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/{AccountName}/Tables"), cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This probe timed out; try again.
            }

            if (deadline.Elapsed > limit)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException($"Azurite did not answer on port {port} within {limit.TotalSeconds} s: {output}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The folder holding Saison.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Saison.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Saison.sln above {AppContext.BaseDirectory}.");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<string> EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite-table.cmd" : "azurite-table");
        if (File.Exists(executable))
        {
            return executable;
        }

        await InstallLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Test projects run in parallel processes: a lock file makes one of them install.
            using var fileLock = await AcquireFileLockAsync(Path.Combine(Path.GetTempPath(), "saison-npm-ci.lock"), cancellationToken).ConfigureAwait(false);
            if (File.Exists(executable))
            {
                return executable;
            }

            var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            npm.ArgumentList.Add("ci");
            npm.ArgumentList.Add("--no-audit");
            npm.ArgumentList.Add("--no-fund");
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0 || !File.Exists(executable))
            {
                throw new InvalidOperationException($"npm ci failed ({process.ExitCode}) in {root}: {await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
            }

            return executable;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
