using System.Text;
using BenchmarkDotNet.Attributes;
using Saison.Calendars.ICalendar;
using Saison.Calendars.Outlook;
using Saison.Calendars.Tests.Outlook;

namespace Saison.Benchmarks;

/// <summary>
/// The public feed of a 3,000-event season: writing it with our streaming writer (time, allocations),
/// and reading it back as the app reads files — Ical.Net with our checks (<see cref="IcsFile"/>) — and
/// with Ical.Net alone, to show what the checks cost.
/// Run: <c>dotnet run -c Release --project tests/Saison.Benchmarks -- --filter *CalendarFeed*</c>.
/// </summary>
[InProcess]
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class CalendarFeedBenchmarks
{
    private const string ZoneId = "Europe/Paris";
    private CalendarTimeZone _zone = null!;
    private List<CalendarEvent> _events = null!;
    private string _text = null!;

    public static List<CalendarEvent> Season(int count)
    {
        var stamp = new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(n =>
        {
            var day = new DateTime(2027, 5, 1).AddDays(n % 150);
            var start = day.AddHours(10 + (n % 10));
            return new CalendarEvent(
                $"evt-{n:D5}.2027.agenda@saison",
                stamp.AddMinutes(n),
                n % 7 == 0 ? CalendarTime.FromDate(DateOnly.FromDateTime(day)) : CalendarTime.Zoned(start, ZoneId),
                n % 7 == 0 ? CalendarTime.FromDate(DateOnly.FromDateTime(day).AddDays(1)) : CalendarTime.Zoned(start.AddHours(2), ZoneId),
                $"Animation n° {n} : concert, marché ou régate à Saint-Nazaire",
                null,
                "Front de mer, Saint-Nazaire",
                ["Plages", "Fête"],
                sequence: n % 3,
                lastModified: stamp.AddMinutes(n));
        })];
    }

    [GlobalSetup]
    public void Setup()
    {
        _zone = CalendarTimeZone.FromSystem(TimeZoneInfo.FindSystemTimeZoneById(ZoneId), 2027, 2027);
        _events = Season(3000);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(text);
        _text = text.ToString();
        Console.WriteLine($"// Public feed of {_events.Count} events: {Encoding.UTF8.GetByteCount(_text):N0} bytes");
    }

    [Benchmark]
    public void WritePublicFeed()
    {
        using var writer = new StreamWriter(Stream.Null, new UTF8Encoding(false), 16 * 1024);
        Write(writer);
    }

    [Benchmark]
    public int ReadPublicFeed() => IcsFile.Read(_text).Events.Count;

    [Benchmark]
    public int LoadPublicFeedWithIcalNetAlone() => Ical.Net.Calendar.Load(_text)!.Events.Count;

    private void Write(TextWriter output) =>
        IcsWriter.Write(output, new CalendarProperties(CalendarProperties.SaisonProductId, "Agenda touristique de l'été 2027 — Saint-Nazaire", RefreshInterval: TimeSpan.FromHours(6)), [_zone], _events);
}

/// <summary>
/// A resync of 3,000 Outlook events with 1 % changed, against the loopback Graph-compatible server
/// through the real GraphServiceClient. Prints the Graph requests one resync sends (goal:
/// ⌈changes / 20⌉ batches plus the reads needed — none when the stored state is current).
/// </summary>
[InProcess]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class OutlookResyncBenchmarks
{
    private FakeGraphServer _server = null!;
    private OutlookSync _sync = null!;
    private List<OutlookItem> _items = null!;
    private int _round;
    private int _lastRequests;
    private int _lastReconcileRequests;

    [GlobalSetup]
    public void Setup()
    {
        _server = FakeGraphServer.StartAsync().GetAwaiter().GetResult();
        var options = new OutlookSyncOptions
        {
            Enabled = true,
            TenantId = "8f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            ClientId = "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e",
            ClientSecret = "bench",
            AuthorityHost = _server.Root,
            GraphBaseUrl = _server.GraphBaseUrl,
        };
        var graph = OutlookGraph.Client(options, OutlookGraph.Credential(options, _server.ClientHandler()), (_, _) => Task.CompletedTask, TimeProvider.System, _server.ClientHandler());
        _sync = new OutlookSync(graph, options, new BenchmarkState(), (_, _) => Task.CompletedTask, TimeProvider.System);
        _items = [.. Enumerable.Range(0, 3000).Select(n => new OutlookItem($"agenda:evt-{n:D5}", $"Animation {n}", null, "Plage", [], new DateTime(2027, 6, 1, 20, 0, 0).AddDays(n % 90), new DateTime(2027, 6, 1, 22, 0, 0).AddDays(n % 90), false, "Europe/Paris"))];
        var first = _sync.SyncAsync([(new OutlookTarget("agenda@bench.example"), _items)]).GetAwaiter().GetResult();
        Console.WriteLine($"// First sync: {first.Created} created in {first.Targets[0].BatchRequests} batches");
    }

    [IterationSetup]
    public void ChangeOnePercent()
    {
        _round++;
        for (var n = _round % 100; n < _items.Count; n += 100)
        {
            _items[n] = _items[n] with { Subject = $"Animation {n} (v{_round})" };
        }
    }

    [Benchmark]
    public async Task<int> ResyncOnePercentChanged()
    {
        var report = await _sync.SyncAsync([(new OutlookTarget("agenda@bench.example"), _items)]);
        _lastRequests = report.Targets[0].GraphRequests;
        return report.Updated;
    }

    /// <summary>The nightly run: the same resync after listing our 3,000 events in the mailbox.</summary>
    [Benchmark]
    public async Task<int> ResyncOnePercentChangedWithReconciliation()
    {
        var report = await _sync.SyncAsync([(new OutlookTarget("agenda@bench.example"), _items)], reconcile: true);
        _lastReconcileRequests = report.Targets[0].GraphRequests;
        return report.Updated;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// Resync with 30 of 3,000 changed: {_lastRequests} Graph HTTP requests (goal ⌈30/20⌉ = 2 batches + 0 reads)");
        Console.WriteLine($"// The same with a reconciliation: {_lastReconcileRequests} Graph HTTP requests (2 batches + ⌈3,000/250⌉ = 12 pages)");
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed class BenchmarkState : IOutlookSyncState
    {
        private readonly Dictionary<string, SyncedEvent> _entries = new(StringComparer.Ordinal);

        public Task<IReadOnlyDictionary<string, SyncedEvent>> LoadAsync(OutlookTarget target, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, SyncedEvent>>(new Dictionary<string, SyncedEvent>(_entries));

        public Task SaveAsync(OutlookTarget target, IReadOnlyList<SyncedEvent> upserts, IReadOnlyList<string> removals, CancellationToken cancellationToken = default)
        {
            foreach (var upsert in upserts)
            {
                _entries[upsert.SaisonId] = upsert;
            }

            foreach (var removal in removals)
            {
                _entries.Remove(removal);
            }

            return Task.CompletedTask;
        }
    }
}
