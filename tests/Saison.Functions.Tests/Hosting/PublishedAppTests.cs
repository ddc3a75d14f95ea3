using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Saison.Functions.Tests.Hosting;

/// <summary>
/// Publishes the function app once (the README's publish command) and runs the published executable
/// exactly as the Azure Functions host does: <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set, working
/// directory as host.json says; HTTP at its own path, timers as the host's JSON payload.
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "saison-publish", Guid.NewGuid().ToString("N"));

    public string PublishLog { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "publish", "functions/Saison.Functions.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", Folder, "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        PublishLog = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish failed:\n" + PublishLog);
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }

        return Task.CompletedTask;
    }
}

public sealed class PublishedAppTests : IClassFixture<PublishedAppFixture>
{
    private readonly PublishedAppFixture _published;
    private readonly ITestOutputHelper _output;

    public PublishedAppTests(PublishedAppFixture published, ITestOutputHelper output)
    {
        _published = published;
        _output = output;
    }

    [Fact]
    public void The_package_holds_the_app_host_json_and_one_function_json_per_function()
    {
        var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(_published.Folder, "host.json"))).RootElement;
        var handler = hostJson.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableProxyingHttpRequest").GetBoolean());
        var executable = handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
        Assert.True(File.Exists(Path.Combine(_published.Folder, executable)), $"{executable} is not in the package");
        Assert.Equal(string.Empty, hostJson.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());

        var functions = Directory.GetDirectories(_published.Folder).Where(d => File.Exists(Path.Combine(d, "function.json"))).ToList();
        Assert.Contains(functions, f => Path.GetFileName(f) == "Health");
        Assert.Contains(functions, f => File.ReadAllText(Path.Combine(f, "function.json")).Contains("timerTrigger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_published_executable_answers_http_at_its_path_and_a_timer_invocation_as_the_host_sends_it()
    {
        var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(_published.Folder, "host.json"))).RootElement.GetProperty("customHandler").GetProperty("description");
        var port = FreePort();
        var data = Path.Combine(_published.Folder, "data-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Path.Combine(_published.Folder, hostJson.GetProperty("defaultExecutablePath").GetString()!))
        {
            WorkingDirectory = Path.Combine(_published.Folder, hostJson.GetProperty("workingDirectory").GetString()!),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "Custom";
        start.Environment["Saison__DataDirectory"] = data;
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var logs = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (logs) { logs.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (logs) { logs.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var health = await WaitForHealthAsync(http, process, TimeSpan.FromSeconds(60));
            _output.WriteLine($"Published app answered /api/health after {clock.ElapsedMilliseconds} ms (sample season loaded on an empty store).");
            var report = JsonDocument.Parse(health).RootElement;
            Assert.Equal("ok", report.GetProperty("status").GetString());
            Assert.Equal("sqlite", report.GetProperty("store").GetString());
            Assert.Equal("Production", report.GetProperty("environment").GetString());

            var timer = Directory.GetDirectories(_published.Folder)
                .Select(d => Path.Combine(d, "function.json"))
                .Where(File.Exists)
                .First(f => File.ReadAllText(f).Contains("timerTrigger", StringComparison.Ordinal));
            var name = Path.GetFileName(Path.GetDirectoryName(timer))!;
            var payload = "{\"Data\":{\"timer\":{\"Schedule\":{\"AdjustForDST\":false},\"ScheduleStatus\":null,\"IsPastDue\":false}},"
                + "\"Metadata\":{\"sys\":{\"MethodName\":\"" + name + "\",\"UtcNow\":\"2027-07-14T05:00:00Z\",\"RandGuid\":\"0c1f4f0e-64b5-4a55-9a0b-2d3c4e5f6a7b\"}}}";
            var response = await http.PostAsync(new Uri("/" + name, UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode} {body}");
            var answer = JsonDocument.Parse(body).RootElement;
            Assert.True(answer.TryGetProperty("Outputs", out _));
            Assert.Equal(JsonValueKind.Array, answer.GetProperty("Logs").ValueKind);
            Assert.True(answer.TryGetProperty("ReturnValue", out _));

            var process_ = Process.GetProcessById(process.Id);
            _output.WriteLine($"Working set after start-up and one timer run: {process_.WorkingSet64 / (1024 * 1024)} MiB.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            _output.WriteLine(logs.ToString());
        }
    }

    private static async Task<string> WaitForHealthAsync(HttpClient http, Process process, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            Assert.False(process.HasExited, "The published app exited during start-up.");
            try
            {
                var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The published app did not answer /api/health in time.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
