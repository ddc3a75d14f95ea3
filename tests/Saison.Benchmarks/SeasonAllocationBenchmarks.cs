using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Saison.Domain.Crews;
using Saison.Domain.Logistics;

namespace Saison.Benchmarks;

/// <summary>
/// Allocation plus crew schedule for a season ten times Saint-Nazaire's: 3,000 events, 30,000
/// request lines over the sample catalogue with ten times its stock, 400 agents with skills and
/// leave. Target: under 2 s on the project's 2-core machine. Run:
/// <c>dotnet run -c Release --project tests/Saison.Benchmarks -- --filter *SeasonAllocation*</c>.
/// </summary>
[Config(typeof(InProcessConfig))]
public class SeasonAllocationBenchmarks
{
    private SeasonWorkload _workload = null!;

    /// <summary>In process: generating a separate benchmark project times out on the shared 2-core machine.</summary>
    public class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }

    [GlobalSetup]
    public void Setup() => _workload = SeasonWorkload.Create(events: 3_000, linesPerEvent: 10, agents: 400, seed: 2027);

    [Benchmark(Description = "Allocate 30,000 lines and schedule the crews (3,000 events, 400 agents)")]
    public (int Granted, int Assigned, int Unstaffed) AllocateAndSchedule() => _workload.Run();

    [GlobalCleanup]
    public void Report()
    {
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var result = _workload.Run(out var allocating, out var scheduling);
        self.Refresh();
        Console.WriteLine($"// Saison: CPU time of one run {(self.TotalProcessorTime - cpuBefore).TotalMilliseconds:0} ms (the machine is shared: wall time varies with its load)");
        Console.WriteLine($"// Saison: allocation {_workload.Allocated.TotalMilliseconds:0} ms, with tasks {allocating.TotalMilliseconds:0} ms, crew schedule {scheduling.TotalMilliseconds:0} ms");
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// Saison: {result.Granted} lines granted, {result.Assigned} tasks assigned, {result.Unstaffed} unstaffed; peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
    }
}

/// <summary>A generated season: catalogue, allocation entries per resource, agents and absences.</summary>
public sealed class SeasonWorkload
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(2);
    private readonly Dictionary<string, CatalogItem> _items;
    private readonly Dictionary<string, List<AllocationEntry>> _entries;
    private readonly Dictionary<string, (DateTimeOffset Start, DateTimeOffset End, string Title)> _events;
    private readonly List<CrewMember> _members;
    private readonly List<AgentAbsence> _absences;

    private SeasonWorkload(Dictionary<string, CatalogItem> items, Dictionary<string, List<AllocationEntry>> entries, Dictionary<string, (DateTimeOffset, DateTimeOffset, string)> events, List<CrewMember> members, List<AgentAbsence> absences)
    {
        _items = items;
        _entries = entries;
        _events = events;
        _members = members;
        _absences = absences;
    }

    public int Lines => _entries.Values.Sum(e => e.Count);

    /// <summary>Time of the last run's allocation alone (without building tasks).</summary>
    public TimeSpan Allocated { get; private set; }

    public static SeasonWorkload Create(int events, int linesPerEvent, int agents, int seed)
    {
        var random = new Random(seed);
        CrewWork Work(string skill, int setup, int perUnit, int units, bool presence = false) => new(skill, setup, perUnit, setup, perUnit, presence, units);
        var catalogue = new[]
        {
            new CatalogItem("scene-8x6", "Scène 8 × 6 m", CatalogItemKind.Equipment, "scène", 650m, "regie", 30, "depot", TimeSpan.FromHours(24), TimeSpan.FromHours(24), TimeSpan.FromHours(12), Work("montage-scene", 960, 0, 1)),
            new CatalogItem("podium-3x2", "Podium", CatalogItemKind.Equipment, "podium", 90m, "regie", 80, "depot", TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12), Work("montage-scene", 60, 30, 4)),
            new CatalogItem("chaises", "Chaises", CatalogItemKind.Equipment, "chaise", 0.8m, "regie", 12_000, "depot", TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12), Work("manutention", 30, 1, 200)),
            new CatalogItem("tables", "Tables", CatalogItemKind.Equipment, "table", 3m, "regie", 2_500, "depot", TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12), Work("manutention", 30, 2, 60)),
            new CatalogItem("barrieres", "Barrières", CatalogItemKind.Equipment, "barrière", 1.5m, "voirie", 15_000, "depot", TimeSpan.FromHours(12), TimeSpan.FromHours(24), TimeSpan.FromHours(12), Work("barrierage", 30, 1, 150)),
            new CatalogItem("barnums", "Barnums", CatalogItemKind.Equipment, "barnum", 35m, "regie", 400, "depot", TimeSpan.FromHours(24), TimeSpan.FromHours(12), TimeSpan.FromHours(12), Work("manutention", 20, 20, 6)),
            new CatalogItem("coffrets", "Coffrets électriques", CatalogItemKind.Equipment, "coffret", 60m, "regie", 250, "depot", TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(6), Work("electricite", 30, 20, 8)),
            new CatalogItem("sonorisation", "Sonorisation", CatalogItemKind.Equipment, "kit", 150m, "regie", 60, "depot", TimeSpan.FromHours(12), TimeSpan.FromHours(6), TimeSpan.FromHours(3), Work("regie-son", 90, 0, 1)),
            new CatalogItem("conteneurs", "Bacs de tri", CatalogItemKind.Equipment, "bac", 2m, "proprete", 3_000, "depot", TimeSpan.FromHours(24), TimeSpan.FromHours(12), TimeSpan.FromHours(12), Work("nettoyage", 20, 2, 40)),
            new CatalogItem("regisseurs", "Régisseurs", CatalogItemKind.Service, "régisseur", 320m, "regie", 60, crew: Work("regisseur", 0, 0, 1, presence: true)),
            new CatalogItem("nettoyage", "Nettoyage", CatalogItemKind.Service, "tournée", 180m, "proprete", 80, crew: new CrewWork("nettoyage", 0, 0, 0, 120, false, 1)),
            new CatalogItem("fermeture-voirie", "Fermeture de voirie", CatalogItemKind.Service, "fermeture", 240m, "voirie", 40, crew: Work("circulation", 90, 0, 1)),
        };
        var items = catalogue.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var typical = new Dictionary<string, (int Min, int Max)>
        {
            ["scene-8x6"] = (1, 1), ["podium-3x2"] = (1, 3), ["chaises"] = (50, 600), ["tables"] = (5, 80), ["barrieres"] = (20, 600), ["barnums"] = (1, 12),
            ["coffrets"] = (1, 6), ["sonorisation"] = (1, 2), ["conteneurs"] = (4, 60), ["regisseurs"] = (1, 2), ["nettoyage"] = (1, 3), ["fermeture-voirie"] = (1, 2),
        };

        var entries = catalogue.ToDictionary(i => i.Id, _ => new List<AllocationEntry>(), StringComparer.Ordinal);
        var eventTimes = new Dictionary<string, (DateTimeOffset, DateTimeOffset, string)>(StringComparer.Ordinal);
        var seasonStart = new DateTimeOffset(2027, 6, 1, 0, 0, 0, Paris);
        for (var e = 0; e < events; e++)
        {
            var id = "evt-" + e;
            var day = random.Next(0, 122);
            var start = seasonStart.AddDays(day).AddHours(random.Next(9, 20));
            var end = start.AddHours(random.Next(2, 8));
            eventTimes[id] = (start, end, "Événement " + e);
            var @class = random.Next(0, 10) switch { < 3 => PriorityClass.TourismAgenda, < 5 => PriorityClass.City, _ => PriorityClass.Other };
            var submitted = new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.FromHours(1)).AddMinutes(random.Next(0, 200_000));
            var chosen = catalogue.OrderBy(_ => random.Next()).Take(linesPerEvent);
            var line = 0;
            foreach (var item in chosen)
            {
                var (min, max) = typical[item.Id];
                var quantity = random.Next(min, max + 1);
                var delivery = item.DefaultDelivery(start);
                var pickup = item.DefaultPickup(end);
                var (from, to) = item.Occupancy(delivery, pickup);

                // A third already decided (some confirmed), the rest pending: the allocator sees every state.
                var state = random.Next(0, 6) switch { 0 => AllocationState.Confirmed, 1 or 2 => AllocationState.Approved, _ => AllocationState.Pending };
                entries[item.Id].Add(new AllocationEntry("req-" + e, "l" + (++line), id, "org-" + (e % 120), @class, submitted, from, to, quantity, state == AllocationState.Pending ? 0 : quantity, state));
            }
        }

        var skills = new[] { "montage-scene", "manutention", "barrierage", "electricite", "regie-son", "nettoyage", "regisseur", "circulation" };
        var members = Enumerable.Range(0, agents).Select(a =>
        {
            var own = new HashSet<string>(StringComparer.Ordinal) { skills[a % skills.Length] };
            if (random.Next(0, 3) == 0)
            {
                own.Add(skills[random.Next(0, skills.Length)]);
            }

            return new CrewMember("agt-" + a, "crew-" + (a % 40), own);
        }).ToList();
        var absences = Enumerable.Range(0, agents).Select(a =>
        {
            var first = seasonStart.AddDays(random.Next(0, 110));
            return new AgentAbsence("agt-" + a, first, first.AddDays(random.Next(3, 15)));
        }).ToList();
        return new SeasonWorkload(items, entries, eventTimes, members, absences);
    }

    /// <summary>Allocates every resource, turns granted lines into tasks, schedules the crews.</summary>
    public (int Granted, int Assigned, int Unstaffed) Run() => Run(out _, out _);

    /// <summary>The same, with the time spent allocating (tasks included) and scheduling.</summary>
    public (int Granted, int Assigned, int Unstaffed) Run(out TimeSpan allocating, out TimeSpan scheduling)
    {
        var watch = Stopwatch.StartNew();
        var allocations = _entries.Select(pair => ResourceAllocator.Allocate(pair.Key, _items[pair.Key].Capacity, pair.Value)).ToList();
        Allocated = watch.Elapsed;
        var tasks = new List<CrewTask>();
        var granted = 0;
        foreach (var allocation in allocations)
        {
            var item = _items[allocation.ResourceId];
            foreach (var outcome in allocation.Outcomes)
            {
                // Pending lines are taken as granted what the allocator proposes: the whole season is scheduled.
                if (outcome.Available == 0)
                {
                    continue;
                }

                granted++;
                var (start, end, title) = _events[outcome.Entry.EventId];
                tasks.AddRange(CrewTaskPlanner.TasksFor(new ApprovedLine(
                    outcome.Entry.RequestId, outcome.Entry.LineId, outcome.Entry.EventId, title, outcome.Entry.Class, item, outcome.Available,
                    item.DefaultDelivery(start), item.DefaultPickup(end), start, end)));
            }
        }

        allocating = watch.Elapsed;
        watch.Restart();
        var schedule = CrewScheduler.Plan(tasks, _members, _absences);
        scheduling = watch.Elapsed;
        return (granted, schedule.Assignments.Count, schedule.Unstaffed.Count);
    }
}
