
using Saison.Application.Outcomes;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Saison.Application.Identity;
using Saison.Application.Leave;
using Saison.Application.Staff;
using Saison.Domain.Leave;
using Saison.Domain.Staff;
using Saison.Functions.Identity;

namespace Saison.Benchmarks;

/// <summary>
/// Issue 6's speed target: with 400 agents (40 teams of 10) and 6,000 leave requests in the store,
/// the time of one evaluation through the API (the dry run <c>POST /leave/evaluate</c>, and reading a
/// pending request with its live evaluation), median and 99th percentile.
/// Run: <c>dotnet run -c Release --project tests/Saison.Benchmarks -- leave-evaluation [samples]</c>.
/// </summary>
public static class LeaveEvaluationScenario
{
    public const string Name = "leave-evaluation";
    private const int Season = 2027;
    private const int Teams = 40;
    private const int AgentsPerTeam = 10;
    private const int RequestsPerAgent = 15;

    public static async Task<int> RunAsync(string[] args)
    {
        var samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var data = Path.Combine(Path.GetTempPath(), "saison-bench-leave-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            using var app = new BenchApp(data);
            var services = app.Services;
            var seed = Stopwatch.StartNew();
            var pending = await SeedAsync(services.GetRequiredService<StaffDirectory>(), services.GetRequiredService<LeaveService>(), services.GetRequiredService<TeamRulesAndCoverage>());
            Console.WriteLine($"Seeded {Teams * AgentsPerTeam} agents and {Teams * AgentsPerTeam * RequestsPerAgent} requests ({pending.Count} pending) in {seed.Elapsed.TotalSeconds:0.0} s");

            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Mint(
                services.GetRequiredService<IOptions<AuthOptions>>().Value, Roles.Admin, [], "bench-admin", "Benchmark", TimeSpan.FromHours(2), DateTimeOffset.UtcNow));

            var random = new Random(6);
            var dryRun = await MeasureAsync(samples, async () =>
            {
                var (team, agent) = (random.Next(Teams), random.Next(AgentsPerTeam));
                var first = WeekMonday(random.Next(45)).AddDays(random.Next(3));
                using var response = await client.PostAsJsonAsync(new Uri($"/api/seasons/{Season}/leave/evaluate", UriKind.Relative), new { agentId = AgentId(team, agent), kind = "rtt", first, last = first.AddDays(1) });
                // 409 (overlap) and 422 (balance) are answers too: the evaluation still ran its checks.
                if ((int)response.StatusCode >= 500)
                {
                    throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
                }
            });
            Report("POST /leave/evaluate (dry run)", dryRun);

            var read = await MeasureAsync(samples, async () =>
            {
                using var response = await client.GetAsync(new Uri($"/api/seasons/{Season}/leave/{pending[random.Next(pending.Count)]}", UriKind.Relative));
                response.EnsureSuccessStatusCode();
            });
            Report("GET /leave/{id} (pending, live evaluation)", read);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<List<string>> SeedAsync(StaffDirectory directory, LeaveService leave, TeamRulesAndCoverage rules)
    {
        await directory.UpsertServiceAsync(Season, new Service("bench", "Service de mesure"));
        for (var t = 0; t < Teams; t++)
        {
            var teamId = TeamId(t);
            await directory.UpsertAsync(Season, new Team(teamId, "Équipe " + t, "bench", ["resp-" + teamId]));
            for (var a = 0; a < AgentsPerTeam; a++)
            {
                var annualised = a >= 7;
                await directory.UpsertAsync(Season, new AgentRecord(AgentId(t, a), $"Agent {t}-{a}", teamId, "bench", ["barrierage", a % 3 == 0 ? "conduite-pl" : "nettoyage"], annualised ? WorkCycleKind.AnnualisedSeasonal : WorkCycleKind.Weekly, 35, 5, 12, annualised ? 42 : null, annualised ? 31.5m : null));
            }

            await rules.SetRulesAsync(Season, teamId, new PresenceRules([new MinimumStaffing(7), new MinimumStaffing(2, "conduite-pl", RulePeriod.Peak)], new AbsenceCap(3), [new BlackoutWindow(new DateOnly(Season, 7, 13), new DateOnly(Season, 7, 14), "Fête nationale")], 1, true, 21), null, Caller.System);
        }

        var pending = new List<string>();
        for (var t = 0; t < Teams; t++)
        {
            for (var a = 0; a < AgentsPerTeam; a++)
            {
                for (var k = 0; k < RequestsPerAgent; k++)
                {
                    // Weeks 3k + (a % 3): each agent's requests never overlap, teammates' often do.
                    var first = WeekMonday(3 * k + (a % 3)).AddDays(a % 4);
                    var input = new LeaveRequestInput(AgentId(t, a), k % 5 == 4 ? LeaveKind.Rtt : LeaveKind.AnnualLeave, first, first.AddDays(k % 2));
                    var submitted = await leave.SubmitAsync(Season, input, Caller.System);
                    if (submitted.Kind == OutcomeKind.BusinessRule)
                    {
                        // A public holiday alone (Easter Monday…): the next day.
                        submitted = await leave.SubmitAsync(Season, input with { First = first.AddDays(1), Last = first.AddDays(1 + (k % 2)) }, Caller.System);
                    }

                    if (submitted.Value is not { } view)
                    {
                        throw new InvalidOperationException($"Seeding refused: {submitted.Detail} {string.Join(" ", submitted.Reasons ?? [])}");
                    }

                    if (k % 2 == 0 && view.Evaluation is { Passed: true })
                    {
                        await leave.DecideAsync(Season, view.Request.Id, new LeaveDecisionInput(Saison.Domain.Decisions.DecisionVerb.Approve), submitted.ETag!.Value, Caller.System);
                    }
                    else
                    {
                        pending.Add(view.Request.Id);
                    }
                }
            }
        }

        return pending;
    }

    private static async Task<double[]> MeasureAsync(int samples, Func<Task> call)
    {
        for (var i = 0; i < Math.Min(50, samples); i++)
        {
            await call();
        }

        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static void Report(string what, double[] sorted)
    {
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: n={sorted.Length} median={At(0.5):0.00} ms p99={At(0.99):0.00} ms max={sorted[^1]:0.00} ms"));
    }

    private static string TeamId(int t) => $"bench-{t:D2}";

    private static string AgentId(int t, int a) => $"bench-{t:D2}-{a:D2}";

    private static DateOnly WeekMonday(int week) => new DateOnly(Season, 1, 4).AddDays(7 * week);

    /// <summary>The app in this process, its functions called as the host calls them (in memory, no port).</summary>
    private sealed class BenchApp : IDisposable
    {
        private readonly Saison.Testing.FunctionTestHost _host;

        public BenchApp(string data)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Saison:DataDirectory"] = data,
                ["Saison:LoadSampleSeason"] = "true",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            _host = Saison.Testing.FunctionTestHost.Start("Development", settings, services: null, kestrel: false);
        }

        public IServiceProvider Services => _host.Services;

        public HttpClient CreateClient() => _host.CreateClient();

        public void Dispose() => _host.Dispose();
    }
}
