using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;
using Saison.Testing;

namespace Saison.Functions.Tests.Hosting;

/// <summary>The app as the Functions host sees it: its functions, their names and triggers, and what a timer run does.</summary>
public sealed class FunctionsHostTests
{
    private static readonly List<DateTimeOffset> Runs = [];

    private static SaisonApp AppWithTestTimers(DateTimeOffset now) => SaisonApp.Create(
        loadSampleSeason: false,
        now: now,
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

    private static TimerInfo Timer(bool pastDue = false) => new() { IsPastDue = pastDue };

    [Fact]
    public async Task A_timer_trigger_runs_its_function_at_the_app_clock()
    {
        var now = new DateTimeOffset(2027, 7, 14, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        using var app = AppWithTestTimers(now);
        await app.Services.GetRequiredService<TimerRunner>().RunAsync("TestTick", Timer(), CancellationToken.None);
        lock (Runs)
        {
            Assert.Contains(now, Runs);
        }
    }

    [Fact]
    public async Task A_failing_timer_function_fails_its_invocation_so_the_host_records_it()
    {
        using var app = AppWithTestTimers(SaisonApp.DefaultNow);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.GetRequiredService<TimerRunner>().RunAsync("TestBroken", Timer(), CancellationToken.None));
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_undeclared_timer_name_fails_loudly()
    {
        using var app = AppWithTestTimers(SaisonApp.DefaultNow);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.GetRequiredService<TimerRunner>().RunAsync("NoSuchTimer", Timer(), CancellationToken.None));
    }

    [Theory]
    [InlineData("2027-07-14T05:00:00Z", false)] // 07:00 in Paris in summer (UTC+2)
    [InlineData("2027-07-14T06:00:00Z", true)] // 08:00 in Paris: the other of the two UTC runs
    [InlineData("2027-01-14T06:00:00Z", false)] // 07:00 in Paris in winter (UTC+1)
    [InlineData("2027-01-14T05:00:00Z", true)]
    public async Task A_local_time_job_runs_only_at_its_paris_time(string utcNow, bool skipped)
    {
        using var app = AppWithTestTimers(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));
        var registry = app.Services.GetRequiredService<TimerFunctionRegistry>();
        var result = await app.Services.GetRequiredService<TimerRunner>().RunAsync(registry.Find("TestMorning")!, app.Clock.GetUtcNow(), false);
        Assert.True(result.Succeeded);
        Assert.Equal(skipped, result.Skipped);
        Assert.Equal(!skipped, result.Logs.Contains("morning ran"));
    }

    [Fact]
    public void Every_operation_is_a_named_function_with_a_trigger_of_the_same_name_route_and_methods()
    {
        using var app = SaisonApp.Create(loadSampleSeason: false);
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var names = catalog.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[A-Za-z][A-Za-z0-9_-]{0,126}$", n));

        var triggers = FunctionTestHost.HttpTriggers().ToDictionary(t => t.Name, StringComparer.Ordinal);
        Assert.Equal(catalog.HttpFunctions.Select(f => f.Name).Order(StringComparer.Ordinal), triggers.Keys.Order(StringComparer.Ordinal));
        foreach (var function in catalog.HttpFunctions)
        {
            var trigger = triggers[function.Name];
            Assert.Equal(function.Route, trigger.Route);
            Assert.Equal(function.Methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal), trigger.Methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal));
            Assert.False(function.Route.StartsWith('/'));
        }

        Assert.Contains(catalog.HttpFunctions, f => f.Name == "Health" && f.Route == "api/health" && f.Methods.SequenceEqual(["GET"]));
        Assert.Contains(catalog.TimerFunctions, f => f.Name == "ReversePlanMorningCheck" && f.Schedule == "0 */15 * * * *" && f.LocalTime == new TimeOnly(7, 0));
    }

    [Fact]
    public async Task A_function_method_runs_directly_on_a_DefaultHttpContext()
    {
        using var app = SaisonApp.Create();
        var operations = app.Services.GetRequiredService<SaisonOperations>();
        await using var scope = app.Services.CreateAsyncScope();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "GET";
        context.Request.Path = "/api/seasons/2027";
        context.Request.Headers.Authorization = "Bearer " + app.TokenFor("ProjectCell", "cellule", []);
        context.Response.Body = new MemoryStream();

        // What the worker does: its middleware runs the pipeline, whose last step is the function's method.
        await operations.RunAsync(context, operations.Functions["GetSeason"], () => Saison.Functions.Seasons.SeasonsTriggers.GetSeason(context.Request));

        Assert.Equal(200, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var season = await System.Text.Json.JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(2027, season.RootElement.GetProperty("year").GetInt32());
        Assert.False(string.IsNullOrEmpty(context.Response.Headers.ETag.ToString()));
    }

    [Theory]
    [InlineData("0 0 5,6 * * *", true)]
    [InlineData("0 */30 * * * *", true)]
    [InlineData("0 0 5,6 * * 1", true)]
    [InlineData("0 0 5 * * 7", false)] // the host's NCrontab has no 7 for Sunday
    [InlineData("0 0 5 * *", false)] // five fields: the host wants six (seconds first)
    [InlineData("0 61 5 * * *", false)]
    public void Schedules_are_read_as_the_functions_host_reads_them(string expression, bool valid) =>
        Assert.Equal(valid, TimerSchedules.TryParse(expression) is not null);
}
