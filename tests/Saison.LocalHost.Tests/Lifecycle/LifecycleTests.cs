using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Saison.LocalHost.Tests.Infrastructure;

namespace Saison.LocalHost.Tests.Lifecycle;

/// <summary>The host and its worker live and die together.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Stopping_the_host_stops_its_worker()
    {
        using var logging = LoggerFactory.Create(_ => { });
        var host = await LocalHostFixture.StartHostAsync(logging);
        var worker = host.WorkerProcessId;
        Assert.True(Processes.IsRunning(worker));

        await host.DisposeAsync();

        Assert.True(host.WorkerExited.IsCompleted);
        Assert.False(Processes.IsRunning(worker));
    }

    [Fact]
    public async Task When_the_worker_dies_the_host_knows_and_answers_500_problems()
    {
        using var logging = LoggerFactory.Create(_ => { });
        await using var host = await LocalHostFixture.StartHostAsync(logging);
        using var client = new HttpClient { BaseAddress = host.Address };

        Process.GetProcessById(host.WorkerProcessId).Kill();
        await host.WorkerExited.WaitAsync(ExitTimeout);

        using var response = await client.GetAsync(new Uri("api/seasons/2027/greetings/Anne", UriKind.Relative));
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(HttpStatusCode.InternalServerError, problem.Status);
        Assert.Equal("Erreur interne du serveur", problem.Title);
    }

    [Fact]
    public async Task SIGTERM_stops_the_host_process_and_its_worker()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGTERM is a POSIX signal.
        }

        var port = FreePort.Next();
        using var host = Process.Start(new ProcessStartInfo(Processes.DotnetHost)
        {
            ArgumentList = { BuiltApps.LocalHostAssembly, "--app", BuiltApps.TestWorkerDirectory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        host.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        host.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            var worker = await WaitForWorkerAsync(port, host);
            Assert.True(Processes.IsRunning(worker));

            Assert.Equal(0, await Processes.TerminateAsync(host.Id));
            await host.WaitForExitAsync().WaitAsync(ExitTimeout);

            Assert.Equal(0, host.ExitCode);
            Assert.False(Processes.IsRunning(worker), string.Join(Environment.NewLine, output));
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Polls the host's status endpoint (bounded) until it answers; returns the worker's process id.</summary>
    private static async Task<int> WaitForWorkerAsync(int port, Process host)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !host.HasExited)
        {
            try
            {
                var status = await client.GetFromJsonAsync<JsonElement>(new Uri("admin/host/status", UriKind.Relative));
                return status.GetProperty("workerProcessId").GetInt32();
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new Xunit.Sdk.XunitException($"The host did not start (exited: {host.HasExited}).");
    }
}

/// <summary>Processes as the operating system sees them.</summary>
internal static class Processes
{
    /// <summary>The .NET host running these tests, to run the local host's assembly with.</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>Whether a process with this id runs (a zombie waiting for its parent counts as ended).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var text = File.ReadAllText(stat);
                return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
            }
            catch (IOException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGTERM, as a service manager or <c>docker stop</c> does; returns kill's exit code.</summary>
    public static async Task<int> TerminateAsync(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        return kill.ExitCode;
    }
}
