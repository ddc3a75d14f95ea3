using System.Collections.Concurrent;
using Saison.Calendars.Outlook;

namespace Saison.Calendars.Tests.Outlook;

/// <summary>The sync state in memory, as the table store keeps it (tests read it directly).</summary>
public sealed class MemorySyncState : IOutlookSyncState
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SyncedEvent>> _targets = new();

    public int Saves;

    public IReadOnlyDictionary<string, SyncedEvent> Of(OutlookTarget target) => _targets.GetOrAdd(target.Key, _ => new());

    public Task<IReadOnlyDictionary<string, SyncedEvent>> LoadAsync(OutlookTarget target, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, SyncedEvent>>(new Dictionary<string, SyncedEvent>(_targets.GetOrAdd(target.Key, _ => new())));

    public Task SaveAsync(OutlookTarget target, IReadOnlyList<SyncedEvent> upserts, IReadOnlyList<string> removals, CancellationToken cancellationToken = default)
    {
        var entries = _targets.GetOrAdd(target.Key, _ => new());
        foreach (var upsert in upserts)
        {
            entries[upsert.SaisonId] = upsert;
        }

        foreach (var removal in removals)
        {
            entries.TryRemove(removal, out _);
        }

        Interlocked.Increment(ref Saves);
        return Task.CompletedTask;
    }
}

/// <summary>A crash of the app between two steps of a run.</summary>
public sealed class InjectedCrashException : Exception
{
    public InjectedCrashException()
    {
    }

    public InjectedCrashException(string message)
        : base(message)
    {
    }

    public InjectedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The loopback Graph server, a real GraphServiceClient and the sync, wired as in the app.</summary>
public sealed class OutlookHarness : IAsyncDisposable
{
    public const string Mailbox = "agenda@saint-nazaire.example";
    public const string Zone = "Europe/Paris";

    private OutlookHarness(FakeGraphServer server)
    {
        Server = server;
        Options = new OutlookSyncOptions
        {
            Enabled = true,
            TenantId = "8f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            ClientId = "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e",
            ClientSecret = "test-secret",
            AuthorityHost = server.Root,
            GraphBaseUrl = server.GraphBaseUrl,
        };
    }

    public FakeGraphServer Server { get; }

    public OutlookSyncOptions Options { get; }

    public MemorySyncState State { get; } = new();

    /// <summary>Every wait the sync and the retry handler asked for (nobody sleeps).</summary>
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public static OutlookTarget Target { get; } = new(Mailbox);

    public static async Task<OutlookHarness> StartAsync() => new(await FakeGraphServer.StartAsync());

    public OutlookSync CreateSync(Func<string, CancellationToken, Task>? checkpoint = null)
    {
        var handler = Server.ClientHandler();
        var credential = OutlookGraph.Credential(Options, Server.ClientHandler());
        var graph = OutlookGraph.Client(Options, credential, (wait, _) =>
        {
            Waits.Enqueue(wait);
            return Task.CompletedTask;
        }, TimeProvider.System, handler);
        return new OutlookSync(graph, Options, State, (wait, _) =>
        {
            Waits.Enqueue(wait);
            return Task.CompletedTask;
        }, TimeProvider.System)
        {
            Checkpoint = checkpoint,
        };
    }

    public Task<OutlookSyncReport> SyncAsync(IReadOnlyList<OutlookItem> items, bool dryRun = false, Func<string, CancellationToken, Task>? checkpoint = null) =>
        CreateSync(checkpoint).SyncAsync([(Target, items)], dryRun);

    public int HttpRequests => Server.Requests.Count(r => !r.InBatch);

    public IReadOnlyList<StoredEvent> Ours => [.. Server.Events(Mailbox).Where(e => e.PropertyId == Options.PropertyId)];

    public static OutlookItem Item(int n, string? subject = null, bool allDay = false)
    {
        var day = new DateTime(2027, 6, 1).AddDays(n % 120);
        return allDay
            ? new OutlookItem($"agenda:2027:evt-{n:D4}", subject ?? $"Animation {n}", "Agenda de l'été", "Plage", ["Agenda de l'été"], day, day.AddDays(2), true, Zone)
            : new OutlookItem($"agenda:2027:evt-{n:D4}", subject ?? $"Animation {n}", "Agenda de l'été", "Plage", ["Agenda de l'été"], day.AddHours(20), day.AddHours(22).AddMinutes(30), false, Zone);
    }

    public static List<OutlookItem> Items(int count) => [.. Enumerable.Range(0, count).Select(n => Item(n, allDay: n % 10 == 0))];

    /// <summary>The calendar holds exactly one of our events per item, with its content, and nothing else of ours.</summary>
    public void AssertConverged(IReadOnlyList<OutlookItem> items)
    {
        var ours = Ours;
        Assert.Equal(items.Count, ours.Count);
        Assert.Equal(items.Select(i => i.SaisonId).Order(StringComparer.Ordinal), ours.Select(e => e.PropertyValue!).Order(StringComparer.Ordinal));
        var bySaisonId = ours.ToDictionary(e => e.PropertyValue!);
        foreach (var item in items)
        {
            Assert.Equal(item.Subject, bySaisonId[item.SaisonId].Subject);
        }

        var state = State.Of(Target);
        Assert.Equal(items.Count, state.Count);
        Assert.All(state.Values, s => Assert.False(s.IsPendingCreate));
        Assert.Equal(ours.Select(e => e.Id).Order(StringComparer.Ordinal), state.Values.Select(s => s.GraphId!).Order(StringComparer.Ordinal));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
