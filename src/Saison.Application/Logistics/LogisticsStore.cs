using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Persistence;
using Saison.Domain.Logistics;
using Saison.Storage;

namespace Saison.Application.Logistics;

/// <summary>
/// Where logistics records live. The catalogue and its policy: table <c>LogisticsCatalog</c>,
/// partition = season. Everything a request changes: table <c>Logistics</c>, <b>one partition per
/// season</b> holding
/// <list type="bullet">
/// <item><c>request~{id}</c>: each request (its lines, stage, history);</item>
/// <item><c>alloc~{item}~{request}~{line}</c>: each line's claim on a resource, its own entity;</item>
/// <item><c>stock~{item}</c>: each resource's stock head, rewritten with If-Match by every change of its claims;</item>
/// <item><c>replan~{event}</c>: when an event's lines last moved with it (its crew tasks are to be planned again);</item>
/// <item><c>revision~requests</c>: rewritten by every transaction that writes a request, so a list of the season's
/// requests read under its ETag stays valid until then (the lists and the COPIL read it instead of every request).</item>
/// </list>
/// So a submission or a decision — request, its lines' claims, the heads of the resources they take,
/// the claims it displaces — is one entity-group transaction (Table service: one partition, at most
/// 100 entities, 4 MiB), and no record grows with the season: a claim is about 1 kB, a request is
/// bounded by its 50 lines. A partition takes about 2,000 entities/s on the Table service; a
/// submission of one line writes three.
/// </summary>
public sealed class LogisticsStore
{
    public const string CatalogTable = "LogisticsCatalog";
    public const string SeasonTable = "Logistics";
    public const string RequestPrefix = "request~";
    public const string AllocationPrefix = "alloc~";
    public const string StockPrefix = "stock~";
    public const string ReplanPrefix = "replan~";
    public const string RequestsRevisionRow = "revision~requests";
    private const string PolicyRow = "policy";
    private const string ItemPrefix = "item-";

    // A resource's claims as last read or written, valid while its stock head keeps the same ETag:
    // every write of a claim rewrites the head, so an unchanged head means unchanged claims.
    private readonly ConcurrentDictionary<(int Season, string ItemId), ItemAllocations> _cache = new();
    private readonly ConcurrentDictionary<(int Season, string ItemId), SemaphoreSlim> _gates = new();

    // Each season's requests as last listed or written by this process, valid while the requests revision keeps its ETag.
    // A null revision: none written yet, so no request either.
    private readonly ConcurrentDictionary<int, (ETag? Revision, IReadOnlyList<Versioned<StoredRequest>> Requests)> _listed = new();

    // One request write of this process at a time per season, so each knows the list it follows (see SubmitRequestsAsync).
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _requestWrites = new();

    public LogisticsStore(ITableStore store)
    {
        Items = DocumentTable<CatalogItem>.KeepingParsed(store, CatalogTable, i => [new("Kind", i.Kind.ToString()), new("ServiceId", i.ServiceId)]);
        Policies = DocumentTable<CatalogPolicy>.KeepingParsed(store, CatalogTable);
        Requests = new DocumentTable<StoredRequest>(store, SeasonTable, r => [new("OrganiserId", r.OrganiserId), new("EventId", r.EventId), new("Stage", r.Stage.ToString())]);
        Allocations = new DocumentTable<StoredAllocation>(store, SeasonTable, a => [new("ItemId", a.ItemId), new("RequestId", a.Entry.RequestId), new("State", a.Entry.State.ToString())]);
        Stocks = new DocumentTable<StockHead>(store, SeasonTable);
        Replans = new DocumentTable<ReplanMarker>(store, SeasonTable);
        Revisions = new DocumentTable<RequestsRevision>(store, SeasonTable);
    }

    /// <summary>The season's requests revision (<see cref="RequestsRevisionRow"/>).</summary>
    public DocumentTable<RequestsRevision> Revisions { get; }

    /// <summary>
    /// Submits one transaction that writes requests (<paramref name="written"/>: each request and the index of its action),
    /// with, last, the season's requests revision. While this process holds the season's list read under the current
    /// revision, the revision is replaced only if it still has that ETag: then nobody else wrote a request since, and the
    /// list after this transaction is that list with these requests, kept without reading the season again. If another
    /// process wrote in between (412 on the revision, nothing written), the list is forgotten and the transaction
    /// submitted again with the revision written whatever it was. Request writes of this process queue for the
    /// submission only (a few milliseconds), never while they read or decide.
    /// </summary>
    private async Task<IReadOnlyList<ETag?>> SubmitRequestsAsync(int season, List<TableTransactionAction> actions, IReadOnlyList<(StoredRequest Request, int Index)> written, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var revision = Revisions.ToEntity(SeasonKey(season), RequestsRevisionRow, new RequestsRevision(at));
        var gate = _requestWrites.GetOrAdd(season, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var listed = _listed.TryGetValue(season, out var l) ? l : ((ETag? Revision, IReadOnlyList<Versioned<StoredRequest>> Requests)?)null;
            var known = listed is { } before ? before.Revision is { } read ? KnownRevision.At(read) : KnownRevision.Absent : KnownRevision.Unknown;
            var (etags, followed) = await GuardedRevision.SubmitAsync(Requests, actions, revision, known, cancellationToken).ConfigureAwait(false);
            if (followed && listed is { } was)
            {
                _listed[season] = (etags[^1]!.Value, With(was.Requests, [.. written.Select(w => new Versioned<StoredRequest>(w.Request, etags[w.Index]!.Value))]));
            }
            else
            {
                _listed.TryRemove(season, out _);
            }

            return etags;
        }
        catch (Exception e) when (!GuardedRevision.WroteNothing(e))
        {
            // After anything but a refusal, the list is read again rather than trusted.
            _listed.TryRemove(season, out _);
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A season's requests with some written: each replaced, or inserted in RowKey order (as a query lists them). The
    /// list is immutable and shares all but O(log n) of its nodes with the one before: a write neither copies the season's
    /// requests nor makes an array of them big enough for the large object heap.
    /// </summary>
    private static ImmutableList<Versioned<StoredRequest>> With(IReadOnlyList<Versioned<StoredRequest>> requests, IReadOnlyList<Versioned<StoredRequest>> written)
    {
        // RowKeys share their prefix: ids in ordinal order are RowKeys in ordinal order.
        var list = requests as ImmutableList<Versioned<StoredRequest>> ?? [.. requests];
        var writes = new List<(StoredRequest? Was, StoredRequest Now)>(written.Count);
        foreach (var request in written)
        {
            var at = list.BinarySearch(request, RequestIds);
            writes.Add((at >= 0 ? list[at].Value : null, request.Value));
            list = at >= 0 ? list.SetItem(at, request) : list.Insert(~at, request);
        }

        CreationOrder.Follows(list, requests, writes);
        return list;
    }

    private static readonly IComparer<Versioned<StoredRequest>> RequestIds = Comparer<Versioned<StoredRequest>>.Create((x, y) => string.CompareOrdinal(x.Value.Id, y.Value.Id));

    public DocumentTable<ReplanMarker> Replans { get; }

    public static string ReplanRow(string eventId) => ReplanPrefix + eventId;

    /// <summary>Events whose lines moved with them, and when: one query on the season's partition.</summary>
    public async Task<IReadOnlyList<ReplanMarker>> ListReplansAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await Replans.ListAsync(SeasonKey(season), ReplanPrefix, cancellationToken).ConfigureAwait(false)).Select(r => r.Value)];

    public DocumentTable<CatalogItem> Items { get; }

    public DocumentTable<CatalogPolicy> Policies { get; }

    public DocumentTable<StoredRequest> Requests { get; }

    public DocumentTable<StoredAllocation> Allocations { get; }

    public DocumentTable<StockHead> Stocks { get; }

    public static string SeasonKey(int season) => season.ToString(CultureInfo.InvariantCulture);

    public static string ItemRow(string itemId) => ItemPrefix + itemId;

    public static string RequestRow(string requestId) => RequestPrefix + requestId;

    public static string StockRow(string itemId) => StockPrefix + itemId;

    /// <summary>The RowKey prefix of one resource's claims.</summary>
    public static string AllocationsOf(string itemId) => AllocationPrefix + itemId + "~";

    public static string AllocationRow(string itemId, string requestId, string lineId) => AllocationsOf(itemId) + requestId + "~" + lineId;

    public async Task<IReadOnlyList<Versioned<CatalogItem>>> ListItemsAsync(int season, CancellationToken cancellationToken = default) =>
        await Items.ListAsync(SeasonKey(season), ItemPrefix, cancellationToken).ConfigureAwait(false);

    /// <summary>The season's catalogue by item id.</summary>
    public async Task<IReadOnlyDictionary<string, CatalogItem>> CatalogueAsync(int season, CancellationToken cancellationToken = default) =>
        (await ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).Select(i => i.Value).ToDictionary(i => i.Id, StringComparer.Ordinal);

    public Task<Versioned<CatalogItem>?> GetItemAsync(int season, string itemId, CancellationToken cancellationToken = default) =>
        Items.GetAsync(SeasonKey(season), ItemRow(itemId), cancellationToken);

    public async Task<CatalogPolicy> GetPolicyAsync(int season, CancellationToken cancellationToken = default) =>
        (await Policies.GetAsync(SeasonKey(season), PolicyRow, cancellationToken).ConfigureAwait(false))?.Value ?? CatalogPolicy.Empty;

    public Task<Versioned<CatalogPolicy>?> GetVersionedPolicyAsync(int season, CancellationToken cancellationToken = default) =>
        Policies.GetAsync(SeasonKey(season), PolicyRow, cancellationToken);

    public Task UpsertPolicyAsync(int season, CatalogPolicy policy, CancellationToken cancellationToken = default) =>
        Policies.UpsertAsync(SeasonKey(season), PolicyRow, policy, cancellationToken);

    public Task<Versioned<StoredRequest>?> GetRequestAsync(int season, string id, CancellationToken cancellationToken = default) =>
        Requests.GetAsync(SeasonKey(season), RequestRow(id), cancellationToken);

    /// <summary>
    /// Every request of a season: a point read of the requests revision, then the list from memory when it is
    /// unchanged, else one query on the season's partition.
    /// </summary>
    public async Task<IReadOnlyList<Versioned<StoredRequest>>> ListRequestsAsync(int season, CancellationToken cancellationToken = default)
    {
        // The revision is read first: a request written after it changes it, so the list is read again next time.
        var revision = await Revisions.GetAsync(SeasonKey(season), RequestsRevisionRow, cancellationToken).ConfigureAwait(false);
        if (_listed.TryGetValue(season, out var cached) && cached.Revision == revision?.ETag)
        {
            return cached.Requests;
        }

        var requests = await Requests.ListAsync(SeasonKey(season), RequestPrefix, cancellationToken).ConfigureAwait(false);
        _listed[season] = (revision?.ETag, requests);
        return requests;
    }

    /// <summary>Inserts a draft request (nothing else changes with it but the requests revision, and its audit row).</summary>
    public async Task<ETag> InsertDraftAsync(StoredRequest request, PendingAudit? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var etags = await SubmitRequestsAsync(
            request.Season, Audited([TableTransactionAction.Add(Requests.ToEntity(SeasonKey(request.Season), RequestRow(request.Id), request))], audit), [(request, 0)], request.CreatedAt, cancellationToken).ConfigureAwait(false);
        return etags[0]!.Value;
    }

    /// <summary>Replaces a request alone (a move along its lifecycle) if it still has <paramref name="ifMatch"/>, with its audit row.</summary>
    public async Task<ETag> ReplaceRequestAsync(StoredRequest request, ETag ifMatch, PendingAudit? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var etags = await SubmitRequestsAsync(
            request.Season, Audited([TableTransactionAction.UpdateReplace(Requests.ToEntity(SeasonKey(request.Season), RequestRow(request.Id), request), ifMatch)], audit), [(request, 0)], LastChange(request), cancellationToken).ConfigureAwait(false);
        return etags[0]!.Value;
    }

    /// <summary>A transaction's actions with, last, the action's audit row (<see cref="AuditTrail.Prepare"/>): the record of what it did.</summary>
    private static List<TableTransactionAction> Audited(List<TableTransactionAction> actions, PendingAudit? audit)
    {
        if (audit is not null)
        {
            if (audit.Table != SeasonTable || actions.Count > 0 && audit.PartitionKey != actions[0].Entity.PartitionKey)
            {
                throw new ArgumentException("An action's audit row is written in its own partition.", nameof(audit));
            }

            actions.Add(audit.Action);
        }

        return actions;
    }

    private static DateTimeOffset LastChange(StoredRequest request) => request.History.Count > 0 ? request.History[^1].At : request.CreatedAt;

    /// <summary>Every resource's stock head: one query (a handful of entities, one per catalogue item).</summary>
    public async Task<IReadOnlyDictionary<string, Versioned<StockHead>>> ListStocksAsync(int season, CancellationToken cancellationToken = default) =>
        (await Stocks.ListAsync(SeasonKey(season), StockPrefix, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Value.ItemId, StringComparer.Ordinal);

    /// <summary>
    /// One resource's claims with the ETag of its stock head, which a later transaction names in its
    /// If-Match: the head is read first, so claims written after it make that transaction fail (412).
    /// A point read of the head, then the claims from memory when the head is unchanged, else one
    /// query on their RowKey range.
    /// </summary>
    public async Task<ItemAllocations> ReadAllocationsAsync(int season, string itemId, CancellationToken cancellationToken = default)
    {
        var head = await Stocks.GetAsync(SeasonKey(season), StockRow(itemId), cancellationToken).ConfigureAwait(false);
        return await ReadAllocationsAsync(season, itemId, head, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The claims of several resources (all of them when <paramref name="itemIds"/> is null), heads read in one query.</summary>
    public async Task<IReadOnlyDictionary<string, ItemAllocations>> ReadAllocationsAsync(int season, IEnumerable<string>? itemIds, CancellationToken cancellationToken = default)
    {
        var heads = await ListStocksAsync(season, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, ItemAllocations>(StringComparer.Ordinal);
        foreach (var itemId in (itemIds ?? heads.Keys).Distinct(StringComparer.Ordinal))
        {
            result[itemId] = await ReadAllocationsAsync(season, itemId, heads.GetValueOrDefault(itemId), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>One resource's claims under a head already read (<c>null</c>: never claimed).</summary>
    public async Task<ItemAllocations> ReadAllocationsAsync(int season, string itemId, Versioned<StockHead>? head, CancellationToken cancellationToken = default)
    {
        if (head is null)
        {
            return ItemAllocations.Empty(itemId);
        }

        if (_cache.TryGetValue((season, itemId), out var cached) && cached.HeadETag == head.ETag)
        {
            return cached;
        }

        var claims = await Allocations.ListAsync(SeasonKey(season), AllocationsOf(itemId), cancellationToken).ConfigureAwait(false);
        var read = new ItemAllocations(itemId, head.Value, head.ETag, claims);
        Keep(season, read);
        return read;
    }

    /// <summary>
    /// Writes one user action as one entity-group transaction on the season's partition: the request
    /// (inserted, or replaced with If-Match), then for each resource its changed claims (each with the
    /// ETag read) and its new stock head (If-Match on the head read). All or nothing; a
    /// <see cref="TableStoreException"/> 412 or 409 means someone wrote first (index 0: the request).
    /// Returns the request's new ETag (or <c>null</c> without a request).
    /// </summary>
    public async Task<ETag?> CommitAsync(int season, RequestWrite? request, IReadOnlyList<ItemWrite> items, PendingAudit? audit = null, CancellationToken cancellationToken = default) =>
        await CommitAsync(season, request, items, null, audit, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// <see cref="CommitAsync(int, RequestWrite?, IReadOnlyList{ItemWrite}, CancellationToken)"/> with, last in the same
    /// transaction, an event's re-planning marker (written whatever it was: it only says when), then the action's audit row.
    /// </summary>
    public async Task<ETag?> CommitAsync(int season, RequestWrite? request, IReadOnlyList<ItemWrite> items, ReplanMarker? replan, PendingAudit? audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var partition = SeasonKey(season);
        var actions = new List<TableTransactionAction>();
        if (request is not null)
        {
            var entity = Requests.ToEntity(partition, RequestRow(request.Request.Id), request.Request);
            actions.Add(request.IfMatch is { } match ? TableTransactionAction.UpdateReplace(entity, match) : TableTransactionAction.Add(entity));
        }

        foreach (var write in items)
        {
            foreach (var claim in write.Changed)
            {
                var entity = Allocations.ToEntity(partition, AllocationRow(claim.ItemId, claim.Entry.RequestId, claim.Entry.LineId), claim);
                actions.Add(write.Read.Find(claim.Entry.Key) is { } existing ? TableTransactionAction.UpdateReplace(entity, existing.ETag) : TableTransactionAction.Add(entity));
            }

            var head = Stocks.ToEntity(partition, StockRow(write.Read.ItemId), write.Head);
            actions.Add(write.Read.HeadETag is { } headETag ? TableTransactionAction.UpdateReplace(head, headETag) : TableTransactionAction.Add(head));
        }

        if (replan is not null)
        {
            actions.Add(TableTransactionAction.UpsertReplace(Replans.ToEntity(partition, ReplanRow(replan.EventId), replan)));
        }

        Audited(actions, audit);
        var etags = request is null
            ? await Requests.SubmitAsync(actions, cancellationToken).ConfigureAwait(false)
            : await SubmitRequestsAsync(season, actions, [(request.Request, 0)], LastChange(request.Request), cancellationToken).ConfigureAwait(false);

        // What was just written becomes the cached state of each resource, under its new head's ETag.
        var at = request is null ? 0 : 1;
        foreach (var write in items)
        {
            var claims = new List<Versioned<StoredAllocation>>(write.Changed.Count);
            foreach (var claim in write.Changed)
            {
                claims.Add(new Versioned<StoredAllocation>(claim, etags[at++]!.Value));
            }

            Keep(season, write.Read.After(write.Head, etags[at++]!.Value, claims, write.Placing));
        }

        return request is null ? null : etags[0];
    }

    /// <summary>
    /// Keeps a resource's claims as read or written, unless a later state is kept already: a page's read that queried the
    /// claims while a decision committed would otherwise put back the state before it, and send the next writer of the
    /// resource to the store again, inside its gate. Every write of the claims raises the head's version.
    /// </summary>
    private void Keep(int season, ItemAllocations state) =>
        _cache.AddOrUpdate((season, state.ItemId), state, (_, kept) => kept.Head.Version > state.Head.Version ? kept : state);

    /// <summary>
    /// Lets one use case of this process at a time decide on these resources (entered in a fixed order,
    /// so two never wait for each other). Correctness never rests on it — the stock heads' If-Match does,
    /// across processes too — but writers of one process queue instead of reading, deciding and failing
    /// in turn on a resource everybody asks for.
    /// </summary>
    public async Task<IDisposable> EnterAsync(int season, IEnumerable<string> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var gates = itemIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => _gates.GetOrAdd((season, id), _ => new SemaphoreSlim(1, 1))).ToList();
        var entered = new List<SemaphoreSlim>();
        try
        {
            foreach (var gate in gates)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                entered.Add(gate);
            }

            var held = new Gates(entered);
            entered = [];
            return held;
        }
        finally
        {
            foreach (var gate in entered)
            {
                gate.Release();
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> within the resources' gates (<see cref="EnterAsync"/>), released however it ends.</summary>
    public async Task<T> GatedAsync<T>(int season, IEnumerable<string> itemIds, Func<Task<T>> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var gates = await EnterAsync(season, itemIds, cancellationToken).ConfigureAwait(false);
        return await action().ConfigureAwait(false);
    }

    /// <summary>How many entities a commit writes: the Table service takes at most 100 in one transaction.</summary>
    public static int CountOf(RequestWrite? request, IReadOnlyList<ItemWrite> items, ReplanMarker? replan = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        // A request comes with the requests revision; an action with its audit row.
        return (request is null ? 0 : 2) + items.Sum(i => i.Changed.Count + 1) + (replan is null ? 0 : 1) + 1;
    }
}

/// <summary>When a season's requests last changed (see <see cref="LogisticsStore.RequestsRevisionRow"/>).</summary>
public sealed record RequestsRevision(DateTimeOffset At);

/// <summary>A request in a commit: inserted (<paramref name="IfMatch"/> null) or replaced if it still has that ETag.</summary>
public sealed record RequestWrite(StoredRequest Request, ETag? IfMatch);

/// <summary>One resource in a commit: what was read, its changed claims and its next stock head.</summary>
public sealed record ItemWrite(ItemAllocations Read, StockHead Head, IReadOnlyList<StoredAllocation> Changed)
{
    /// <summary>The placement the resource's state after the write keeps (<see cref="ItemAllocations.PlacementFor"/>), if the write made one.</summary>
    public PlacementStep? Placing { get; init; }
}

/// <summary>
/// The placement of a resource's claims after a write, made with the events' priority <paramref name="Classes"/>: the
/// read's placement handed on with the allocation it made (<paramref name="Next"/>), or one made for the claims after
/// the write (<paramref name="Next"/> null).
/// </summary>
public sealed record PlacementStep(IReadOnlyDictionary<string, PriorityClass> Classes, AllocationPlacement From, ResourceAllocation? Next = null)
{
    /// <summary>The resource's allocation after the write.</summary>
    public ResourceAllocation Allocation => Next ?? From.Allocation;

    /// <summary>The placement once the write is committed.</summary>
    public AllocationPlacement? Committed() => Next is null ? From : From.Then(Next);

    /// <summary>A step not taken: a placement made for it gives its load back (the read's own placement stays with the read).</summary>
    public void Drop()
    {
        if (Next is null)
        {
            From.Release();
        }
    }
}

/// <summary>One resource's claims as read together, with the ETag of the stock head that guards them.</summary>
public sealed class ItemAllocations
{
    // The claims by key, and those carrying notes: immutable, so the state after a commit shares all but what changed.
    private readonly ImmutableDictionary<string, Versioned<StoredAllocation>> _byKey;
    private readonly ImmutableDictionary<string, IReadOnlyList<RequestHistoryEntry>> _notes;
    private IReadOnlyList<Versioned<StoredAllocation>>? _stored;

    // Read and written by concurrent use cases: one reference, swapped whole.
    private Classified? _classified;

    public ItemAllocations(string itemId, StockHead head, ETag? headETag, IEnumerable<Versioned<StoredAllocation>> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var read = stored.ToList();
        ItemId = itemId;
        Head = head;
        HeadETag = headETag;
        _byKey = read.ToImmutableDictionary(s => s.Value.Entry.Key, StringComparer.Ordinal);
        _notes = read.Where(s => s.Value.Notes is { Count: > 0 }).ToImmutableDictionary(s => s.Value.Entry.Key, s => s.Value.Notes!, StringComparer.Ordinal);
        Ledger = new AllocationLedger(itemId, read.Select(s => s.Value.Entry));
    }

    private ItemAllocations(ItemAllocations before, StockHead head, ETag headETag, IReadOnlyList<Versioned<StoredAllocation>> written, AllocationLedger ledger, Classified? classified, Placed? placed)
    {
        ItemId = before.ItemId;
        Head = head;
        HeadETag = headETag;
        _byKey = before._byKey.SetItems(written.Select(w => KeyValuePair.Create(w.Value.Entry.Key, w)));
        var notes = before._notes.RemoveRange(written.Select(w => w.Value.Entry.Key));
        _notes = notes.SetItems(written.Where(w => w.Value.Notes is { Count: > 0 }).Select(w => KeyValuePair.Create(w.Value.Entry.Key, w.Value.Notes!)));
        Ledger = ledger;
        _classified = classified;
        _placed = placed;
    }

    public string ItemId { get; }

    public StockHead Head { get; }

    /// <summary>The head's ETag; <c>null</c> when nothing was ever claimed (the head is then inserted).</summary>
    public ETag? HeadETag { get; }

    /// <summary>Every claim (made on first use: a commit does not list the resource's claims).</summary>
    public IReadOnlyList<Versioned<StoredAllocation>> Stored => _stored ??= [.. _byKey.Values];

    /// <summary>How many claims the resource has.</summary>
    public int Count => _byKey.Count;

    /// <summary>What other requests' decisions did to claims (displacements), by claim key: only the claims that have notes.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RequestHistoryEntry>> Notes => _notes;

    public AllocationLedger Ledger { get; }

    public static ItemAllocations Empty(string itemId) => new(itemId, StockHead.Empty(itemId), null, Array.Empty<Versioned<StoredAllocation>>());

    public Versioned<StoredAllocation>? Find(string key) => _byKey.GetValueOrDefault(key);

    public Versioned<StoredAllocation>? Find(string requestId, string lineId) => Find(requestId + "/" + lineId);

    /// <summary>The ledger with the events' current priority classes (made once per classes for this read).</summary>
    public AllocationLedger LedgerWith(IReadOnlyDictionary<string, PriorityClass> classes)
    {
        if (Volatile.Read(ref _classified) is { } done && ReferenceEquals(done.Classes, classes))
        {
            return done.Ledger;
        }

        var ledger = AllocationSnapshot.WithClasses(Ledger, classes);
        Volatile.Write(ref _classified, new Classified(classes, ledger));
        return ledger;
    }

    private sealed record Classified(IReadOnlyDictionary<string, PriorityClass> Classes, AllocationLedger Ledger);

    // The allocation of this read, every line explained: made once per classes and capacity, then shared by every
    // view, list and figure read while the resource's stock head is unchanged.
    private Allocated? _allocated;

    /// <summary>
    /// The allocation of these claims with the events' current priority classes, every line explained (alternatives,
    /// conflicts): what each line gets does not depend on which lines are explained, so one allocation serves every
    /// reader of this read (made once per <paramref name="classes"/> and <paramref name="capacity"/>).
    /// </summary>
    public ResourceAllocation AllocatedWith(IReadOnlyDictionary<string, PriorityClass> classes, int capacity)
    {
        if (Volatile.Read(ref _allocated) is { } done && ReferenceEquals(done.Classes, classes) && done.Capacity == capacity)
        {
            return done.Allocation;
        }

        var allocation = ResourceAllocator.Allocate(ItemId, capacity, LedgerWith(classes).Entries);
        Volatile.Write(ref _allocated, new Allocated(classes, capacity, allocation));
        return allocation;
    }

    /// <summary>
    /// The allocation <see cref="AllocatedWith"/> made if it made one for this read, else one explaining only the lines
    /// <paramref name="explaining"/> says (what every line gets is the same): what a view of a few requests, or figures
    /// that show no explanation, need without explaining the whole season. The one explaining nothing
    /// (<see cref="AllocationSettings.Unexplained"/>) is kept for this read, as the full one is.
    /// </summary>
    public ResourceAllocation AllocatedFor(IReadOnlyDictionary<string, PriorityClass> classes, int capacity, AllocationSettings explaining)
    {
        ArgumentNullException.ThrowIfNull(explaining);

        // The one explaining nothing first when there is one: figures and standings keep comparing the same allocation.
        var unexplained = ReferenceEquals(explaining, AllocationSettings.Unexplained);
        if (unexplained && Volatile.Read(ref _quantities) is { } known && ReferenceEquals(known.Classes, classes) && known.Capacity == capacity)
        {
            return known.Allocation;
        }

        if (Volatile.Read(ref _allocated) is { } done && ReferenceEquals(done.Classes, classes) && done.Capacity == capacity)
        {
            return done.Allocation;
        }

        // A page read again (a technician's queue, a list polled) explains the same requests.
        var requests = explaining.ExplainedRequests;
        var pages = Volatile.Read(ref _pages);
        if (requests is not null && pages.FirstOrDefault(p => ReferenceEquals(p.Classes, classes) && p.Capacity == capacity && p.Requests.SetEquals(requests)) is { } page)
        {
            return page.Allocation;
        }

        var allocation = ResourceAllocator.Allocate(ItemId, capacity, LedgerWith(classes).Entries, explaining);
        if (unexplained)
        {
            Volatile.Write(ref _quantities, new Allocated(classes, capacity, allocation));
        }
        else if (requests is not null)
        {
            Volatile.Write(ref _pages, [new PageAllocated(classes, capacity, requests, allocation), .. pages.Take(PagesKept - 1)]);
        }

        return allocation;
    }

    // The allocation of this read explaining no line, kept for figures and standings.
    private Allocated? _quantities;

    // The last allocations of this read explaining some requests' lines (pages of them: the list, the queue, their
    // next pages), kept for the next read of those pages; newest first.
    private PageAllocated[] _pages = [];

    private const int PagesKept = 4;

    private sealed record PageAllocated(IReadOnlyDictionary<string, PriorityClass> Classes, int Capacity, IReadOnlySet<string> Requests, ResourceAllocation Allocation);

    private sealed record Allocated(IReadOnlyDictionary<string, PriorityClass> Classes, int Capacity, ResourceAllocation Allocation);

    /// <summary>
    /// The state of this resource after a commit of the claims <paramref name="written"/>: its claims and ledgers, plain and
    /// with the priority classes last used, follow by merging the written claims in, never sorted or classified again.
    /// </summary>
    /// <remarks>
    /// <paramref name="placing"/>: the placement the state after keeps, for the classes it was made with; this state's own
    /// placement, unless handed on, gives its load back (a state's placement is used under its resource's gate only).
    /// </remarks>
    internal ItemAllocations After(StockHead head, ETag headETag, IReadOnlyList<Versioned<StoredAllocation>> written, PlacementStep? placing = null)
    {
        var placement = placing?.Committed();
        if (Volatile.Read(ref _placed) is { } own && !ReferenceEquals(own.Placement, placing?.From))
        {
            own.Placement.Release();
        }

        var entries = written.Select(c => c.Value.Entry).ToList();
        var ledger = Ledger.With(entries);
        var classified = Volatile.Read(ref _classified) is not { } known ? null
            : ReferenceEquals(known.Ledger, Ledger) && entries.All(e => ReferenceEquals(AllocationSnapshot.WithClass(e, known.Classes), e))
                ? new Classified(known.Classes, ledger)
                : new Classified(known.Classes, known.Ledger.With(entries.Select(e => AllocationSnapshot.WithClass(e, known.Classes))));
        var placed = placement is not null && classified is not null && ReferenceEquals(placing!.Classes, classified.Classes)
            ? new Placed(classified.Classes, placement)
            : null;
        if (placed is null)
        {
            placement?.Release();
        }

        return new(this, head, headETag, written, ledger, classified, placed);
    }

    // The placement of this state's claims (allocation and load) for the classes a submission last used.
    private Placed? _placed;

    private sealed record Placed(IReadOnlyDictionary<string, PriorityClass> Classes, AllocationPlacement Placement);

    /// <summary>The placement this state keeps, if any (for tests).</summary>
    internal AllocationPlacement? Placement => Volatile.Read(ref _placed)?.Placement;

    /// <summary>
    /// The placement of this state's claims with these classes and capacity, when <paramref name="claim"/> (classified)
    /// ranks after all of them outside the agenda — the only claims a placement places; made once per state, then handed
    /// from state to state by the submissions that use it. Null otherwise.
    /// </summary>
    public AllocationPlacement? PlacementFor(AllocationEntry claim, IReadOnlyDictionary<string, PriorityClass> classes, int capacity)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (Volatile.Read(ref _placed) is { } done && ReferenceEquals(done.Classes, classes) && done.Placement.Allocation.Capacity == capacity && !done.Placement.IsSpent)
        {
            return done.Placement;
        }

        var entries = LedgerWith(classes).Entries;
        if (claim.Class == PriorityClass.TourismAgenda || entries.Count == 0 || LogisticsPriority.Compare(entries[^1], claim) >= 0)
        {
            return null;
        }

        var placement = AllocationPlacement.Of(ItemId, capacity, entries);
        if (placement is not null)
        {
            Volatile.Write(ref _placed, new Placed(classes, placement));
        }

        return placement;
    }
}

/// <summary>Resources' gates held by one use case, released once.</summary>
internal sealed class Gates(IReadOnlyList<SemaphoreSlim> held) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            foreach (var gate in held)
            {
                gate.Release();
            }
        }
    }
}
