using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Hosting;

/// <summary>The app as the Azure Functions host sees it: timer invocations in the custom-handler format, and function.json files.</summary>
public sealed class FunctionsHostTests
{
    private static readonly List<DateTimeOffset> Runs = [];

    private static SaisonApp HostedApp() => SaisonApp.Create(
        loadSampleSeason: false,
        settings: new Dictionary<string, string?> { [FunctionsHost.PortVariable] = "7099" },
        services: services => services.Replace(ServiceDescriptor.Singleton(TestRegistry())));

    private static TimerFunctionRegistry TestRegistry()
    {
        var registry = new TimerFunctionRegistry();
        registry.Add(new TimerFunction(new TimerFunctionDeclaration("TestTick", "0 */5 * * * *", "test"), (invocation, _) =>
        {
            lock (Runs)
            {
                Runs.Add(invocation.UtcNow);
            }

            invocation.Log("tick ran");
            return Task.CompletedTask;
        }));
        registry.Add(new TimerFunction(new TimerFunctionDeclaration("TestBroken", "0 0 * * * *", "test"), (_, _) => throw new InvalidOperationException("boom")));
        registry.Add(new TimerFunction(new TimerFunctionDeclaration("TestMorning", "0 0 5,6 * * *", "test", new TimeOnly(7, 0)), (invocation, _) =>
        {
            invocation.Log("morning ran");
            return Task.CompletedTask;
        }));
        return registry;
    }

    private static StringContent HostPayload(string utcNow, bool pastDue = false) => new(
        "{\"Data\":{\"timer\":{\"Schedule\":{\"AdjustForDST\":true},"
        + "\"ScheduleStatus\":{\"Last\":\"2027-07-14T09:55:00+00:00\",\"Next\":\"2027-07-14T10:05:00+00:00\",\"LastUpdated\":\"2027-07-14T09:55:00+00:00\"},"
        + "\"IsPastDue\":" + (pastDue ? "true" : "false") + "}},"
        + "\"Metadata\":{\"sys\":{\"MethodName\":\"TestTick\",\"UtcNow\":\"" + utcNow + "\",\"RandGuid\":\"6f1b7c1e-0a55-4a55-9b51-1c2b3d4e5f60\"}}}",
        Encoding.UTF8,
        "application/json");

    [Fact]
    public async Task Timer_invocation_in_the_host_format_runs_the_function_and_answers_outputs_logs_returnvalue()
    {
        using var app = HostedApp();
        var response = await app.CreateClient().PostAsync(new Uri("/TestTick", UriKind.Relative), HostPayload("2027-07-14T10:00:00.1234567Z"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Contains("tick ran", body.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        lock (Runs)
        {
            Assert.Contains(new DateTimeOffset(2027, 7, 14, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), Runs);
        }
    }

    [Fact]
    public async Task Timer_invocation_with_an_odd_payload_still_runs()
    {
        using var app = HostedApp();
        var response = await app.CreateClient().PostAsync(new Uri("/TestTick", UriKind.Relative), new StringContent("{\"Data\":[]}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_failing_timer_function_answers_a_non_2xx_with_its_logs()
    {
        using var app = HostedApp();
        var response = await app.CreateClient().PostAsync(new Uri("/TestBroken", UriKind.Relative), HostPayload("2027-07-14T10:00:00Z"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(body.GetProperty("Logs").EnumerateArray(), l => l.GetString()!.Contains("boom", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_timer_function_is_a_french_404()
    {
        using var app = HostedApp();
        var response = await app.CreateClient().PostAsync(new Uri("/NoSuchTimer", UriKind.Relative), HostPayload("2027-07-14T10:00:00Z"));
        var problem = await response.AssertProblemAsync(404);
        Assert.Contains("NoSuchTimer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-07-14T05:00:00Z", false)] // 07:00 in Paris in summer (UTC+2)
    [InlineData("2027-07-14T06:00:00Z", true)] // 08:00 in Paris: the other of the two UTC runs
    [InlineData("2027-01-14T06:00:00Z", false)] // 07:00 in Paris in winter (UTC+1)
    [InlineData("2027-01-14T05:00:00Z", true)]
    public async Task A_local_time_job_runs_only_at_its_paris_time(string utcNow, bool skipped)
    {
        using var app = HostedApp();
        var response = await app.CreateClient().PostAsync(new Uri("/TestMorning", UriKind.Relative), HostPayload(utcNow));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logs = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(skipped, logs.Any(l => l.StartsWith("Skipped", StringComparison.Ordinal)));
        Assert.Equal(!skipped, logs.Contains("morning ran"));
    }

    [Fact]
    public void Generated_function_json_files_match_the_declarations()
    {
        using var app = HostedApp();
        _ = app.Server; // builds the app and its endpoints
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        Assert.Empty(catalog.UnnamedRoutes);
        var output = Path.Combine(app.DataDirectory, "publish");
        FunctionManifest.Write(catalog, output);

        var folders = Directory.GetDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(catalog.All.Select(f => f.Name).Order(StringComparer.Ordinal), folders);
        foreach (var http in catalog.HttpFunctions)
        {
            var binding = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, http.Name, "function.json"))).RootElement.GetProperty("bindings")[0];
            Assert.Equal("httpTrigger", binding.GetProperty("type").GetString());
            Assert.Equal(http.Route, binding.GetProperty("route").GetString());
            Assert.Equal(http.Methods.Select(m => m.ToLowerInvariant()), binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.False(http.Route.StartsWith('/'));
        }

        foreach (var timer in catalog.TimerFunctions)
        {
            var binding = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, timer.Name, "function.json"))).RootElement.GetProperty("bindings")[0];
            Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
            Assert.Equal(timer.Schedule, binding.GetProperty("schedule").GetString());
            Assert.True(NcrontabSchedule.TryParse(timer.Schedule).IsSuccess);
        }

        Assert.Contains(catalog.HttpFunctions, f => f.Name == "Health" && f.Route == "api/health" && f.Methods.SequenceEqual(["GET"]));
        Assert.Contains(catalog.TimerFunctions, f => f.Name == "TestTick");
    }

    [Fact]
    public void Every_endpoint_is_a_named_function_and_names_are_unique()
    {
        using var app = SaisonApp.Create(loadSampleSeason: false);
        _ = app.Server;
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        Assert.Empty(catalog.UnnamedRoutes);
        var names = catalog.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[A-Za-z][A-Za-z0-9_-]{0,126}$", n));
    }

    [Fact]
    public async Task Standalone_scheduler_runs_a_timer_when_the_clock_reaches_its_schedule()
    {
        var ran = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new TimerFunctionRegistry();
        registry.Add(new TimerFunction(new TimerFunctionDeclaration("EveryMinute", "0 * * * * *", "test"), (invocation, _) =>
        {
            ran.TrySetResult(invocation.UtcNow);
            return Task.CompletedTask;
        }));
        using var app = SaisonApp.Create(
            loadSampleSeason: false,
            settings: new Dictionary<string, string?> { ["Saison:RunTimers"] = "true" },
            now: new DateTimeOffset(2027, 7, 14, 10, 0, 30, TimeSpan.Zero),
            services: services => services.Replace(ServiceDescriptor.Singleton(registry)));
        _ = app.Server;

        // The scheduler waits on the app's clock: moving the fake clock past 10:01 fires the run.
        for (var i = 0; i < 200 && !ran.Task.IsCompleted; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
            await Task.Delay(5);
        }

        Assert.Equal(new DateTimeOffset(2027, 7, 14, 10, 1, 0, TimeSpan.Zero), await ran.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
