using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Saison.Functions.Tests.Hosting;

/// <summary>
/// The app as the Functions host calls it: published once (<c>dotnet publish</c>, as the deploy script does),
/// then served by the local host (tools/Saison.LocalHost), which starts the real isolated worker, hands it
/// the gRPC handshake, indexes its functions and proxies HTTP to it, as Azure's host or Core Tools would.
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    private readonly StringBuilder _logs = new();
    private Process? _host;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "saison-publish", Guid.NewGuid().ToString("N"));

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "saison-publish-data", Guid.NewGuid().ToString("N"));

    public HttpClient Client { get; private set; } = null!;

    /// <summary>From starting the host process to the first 200 on /api/health (sample season loaded on an empty store).</summary>
    public TimeSpan FirstAnswer { get; private set; }

    public string Logs
    {
        get
        {
            lock (_logs)
            {
                return _logs.ToString();
            }
        }
    }

    public static string LocalHostAssembly =>
        typeof(PublishedAppFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LocalHostAssembly").Value!;

    public async Task InitializeAsync()
    {
        await RunAsync("dotnet", RepositoryRoot.Path, "publish", "functions/Saison.Functions.csproj", "-c", "Release", "-o", Folder, "-nologo");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { LocalHostAssembly, "--app", Folder, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Saison__DataDirectory"] = DataDirectory;
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        var clock = Stopwatch.StartNew();
        _host = Process.Start(start)!;
        _host.OutputDataReceived += (_, e) => Append(e.Data);
        _host.ErrorDataReceived += (_, e) => Append(e.Data);
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_host.HasExited)
            {
                throw new InvalidOperationException("The local host exited during start-up:\n" + Logs);
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    FirstAnswer = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The app did not answer /api/health through the local host in time:\n" + Logs);
    }

    /// <summary>A token from the app's own token command, run through the local host as the README does.</summary>
    public async Task<string> TokenAsync(string role, params string[] scope)
    {
        var args = new List<string> { LocalHostAssembly, "--app", Folder, "token", "--role", role };
        if (scope.Length > 0)
        {
            args.AddRange(["--scope", scope[0]]);
        }

        return (await RunAsync("dotnet", Folder, [.. args])).Trim();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }

        _host?.Dispose();
        foreach (var folder in new[] { Folder, DataDirectory })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS's temp cleaning.
            }
        }
    }

    private void Append(string? line)
    {
        lock (_logs)
        {
            _logs.AppendLine(line);
        }
    }

    private static async Task<string> RunAsync(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed:\n{await output}{await error}");
        }

        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class PublishedAppTests(PublishedAppFixture published, ITestOutputHelper output) : IClassFixture<PublishedAppFixture>
{
    [Fact]
    public void The_package_is_an_isolated_worker_app_whose_metadata_lists_every_function()
    {
        var folder = published.Folder;
        var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "host.json"))).RootElement;
        Assert.False(hostJson.TryGetProperty("customHandler", out _));
        Assert.Equal(string.Empty, hostJson.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.True(File.Exists(Path.Combine(folder, "worker.config.json")));
        Assert.Empty(Directory.GetFiles(folder, "function.json", SearchOption.AllDirectories));

        using var app = SaisonApp.Create(loadSampleSeason: false);
        var catalog = (FunctionCatalog)app.Services.GetService(typeof(FunctionCatalog))!;
        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "functions.metadata"))).RootElement;
        var listed = metadata.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, StringComparer.Ordinal);
        Assert.Equal(catalog.All.Select(f => f.Name).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var timer in catalog.TimerFunctions)
        {
            var binding = listed[timer.Name].GetProperty("bindings")[0];
            Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
            Assert.Equal(timer.Schedule, binding.GetProperty("schedule").GetString());
        }
    }

    [Theory]
    [InlineData("/api/health", null, null)] // Operations
    [InlineData("/api/seasons/2027", "ProjectCell", null)] // Seasons
    [InlineData("/api/seasons/2027/catalog", "Technician", "regie")] // Logistics
    [InlineData("/api/seasons/2027/staff", "ProjectCell", null)] // Staff
    [InlineData("/calendars/agenda-2027.ics", null, null)] // Calendars
    [InlineData("/api/seasons/2027/copil", "Copil", null)] // Copil
    [InlineData("/accueil", null, null)] // Web
    public async Task Each_area_answers_through_the_host(string path, string? role, string? scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await published.TokenAsync(role, scope is null ? [] : [scope]));
        }

        var clock = Stopwatch.StartNew();
        using var response = await published.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        output.WriteLine($"{path}: {clock.ElapsedMilliseconds} ms through the local host; first answer after {published.FirstAnswer.TotalMilliseconds:0} ms.");
    }

    [Fact]
    public async Task Refusals_are_french_problems_through_the_host()
    {
        using var unauthenticated = await published.Client.GetAsync(new Uri("/api/seasons/2027", UriKind.Relative));
        await unauthenticated.AssertProblemAsync(401);
        using var unknown = await published.Client.GetAsync(new Uri("/api/pas-de-fonction-ici", UriKind.Relative));
        await unknown.AssertProblemAsync(404);
        using var wrongMethod = await published.Client.DeleteAsync(new Uri("/api/health", UriKind.Relative));
        await wrongMethod.AssertProblemAsync(405);

        // A page form posted without its form token (a cross-site post) is refused.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Role"] = "Copil", ["_handler"] = "connexion" });
        using var forged = await published.Client.PostAsync(new Uri("/connexion", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_timer_function_runs_when_the_host_fires_it()
    {
        using var fired = await published.Client.PostAsync(new Uri("/admin/functions/ReversePlanMorningCheck", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, fired.StatusCode);
        var deadline = Stopwatch.StartNew();
        while (!published.Logs.Contains("Executed 'ReversePlanMorningCheck'", StringComparison.Ordinal) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.Contains("Executed 'ReversePlanMorningCheck' (succeeded", published.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_is_a_process_of_its_own_and_its_memory_is_reported()
    {
        using var status = await published.Client.GetAsync(new Uri("/admin/host/status", UriKind.Relative));
        var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Running", body.GetProperty("state").GetString());
        using var worker = Process.GetProcessById(body.GetProperty("workerProcessId").GetInt32());
        output.WriteLine($"Worker working set: {worker.WorkingSet64 / (1024 * 1024)} MiB; first answer {published.FirstAnswer.TotalMilliseconds:0} ms after the host started.");
        Assert.False(worker.HasExited);
    }
}
