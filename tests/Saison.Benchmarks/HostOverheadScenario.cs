using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Saison.Testing;

namespace Saison.Benchmarks;

/// <summary>
/// What the Functions host costs, measured as users meet it (HTTP on loopback, SQLite, the sample season):
/// the local host's start to its first 200, the worker's cold start, the worker's idle memory, and the same
/// requests through the local host and the real worker against the same functions called in-process on
/// Kestrel (no host, no gRPC, no proxy). Run: <c>dotnet run -c Release --project tests/Saison.Benchmarks -- host-overhead [requests]</c>.
/// </summary>
internal static class HostOverheadScenario
{
    public const string Name = "host-overhead";

    private static readonly string[] Paths = ["/api/health", "/calendars/agenda-2027.ics", "/accueil"];

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var data = Directory.CreateTempSubdirectory("saison-bench-host-").FullName;
        try
        {
            await using (var direct = FunctionTestHost.Start("Development", new Dictionary<string, string?> { ["Saison:DataDirectory"] = Path.Combine(data, "direct"), ["Logging:LogLevel:Default"] = "Warning" }, services: null, kestrel: true))
            {
                using var client = new HttpClient { BaseAddress = direct.BaseAddress };
                await MeasureAsync("in-process (Kestrel, no host)", client, requests);
            }

            var app = Path.GetDirectoryName(typeof(Saison.Functions.Hosting.FunctionApp).Assembly.Location)!;
            var localHost = typeof(HostOverheadScenario).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LocalHostAssembly").Value!;
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { localHost, "--app", app, "--port", port.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["Saison__DataDirectory"] = Path.Combine(data, "hosted");
            var lines = new List<string>();
            var clock = Stopwatch.StartNew();
            using var host = Process.Start(start)!;
            host.OutputDataReceived += (_, e) => { lock (lines) { lines.Add(e.Data ?? string.Empty); } };
            host.ErrorDataReceived += (_, e) => { lock (lines) { lines.Add(e.Data ?? string.Empty); } };
            host.BeginOutputReadLine();
            host.BeginErrorReadLine();
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                while (true)
                {
                    try
                    {
                        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(20);
                    }
                }

                Console.WriteLine($"local host: first 200 on /api/health {clock.ElapsedMilliseconds} ms after the host process started (empty store: sample season loaded)");
                lock (lines)
                {
                    Console.WriteLine("local host: " + lines.FirstOrDefault(l => l.Contains("Worker connected", StringComparison.Ordinal))?.Trim());
                }

                await MeasureAsync("through the local host and the worker", client, requests);
                await Task.Delay(TimeSpan.FromSeconds(5));
                using var status = await client.GetAsync(new Uri("/admin/host/status", UriKind.Relative));
                var workerId = System.Text.Json.JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("workerProcessId").GetInt32();
                using var worker = Process.GetProcessById(workerId);
                host.Refresh();
                Console.WriteLine($"idle after the run: worker {worker.WorkingSet64 / (1024 * 1024)} MiB, host {host.WorkingSet64 / (1024 * 1024)} MiB (working sets)");
            }
            finally
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    private static async Task MeasureAsync(string what, HttpClient client, int requests)
    {
        foreach (var path in Paths)
        {
            for (var i = 0; i < 20; i++)
            {
                using var warm = await client.GetAsync(new Uri(path, UriKind.Relative));
            }

            var times = new double[requests];
            for (var i = 0; i < requests; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
                times[i] = clock.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what} GET {path}: n={requests} p50={times[requests / 2]:0.00} ms p99={times[(int)(requests * 0.99)]:0.00} ms"));
        }
    }

    /// <summary>A free loopback port for a local host of the benchmarks.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
