using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace Saison.Calendars.Outlook;

/// <summary>
/// Pushes Saison's events to mailbox calendars through Microsoft Graph, converging on each run:
/// <list type="bullet">
/// <item>it touches only the events it owns, marked with our id in a single-value extended property,
/// and deletes only an event it created (its id came back from our create) or found carrying our
/// property with exactly that Saison id; a person's events are never read into a decision;</item>
/// <item>a create is recorded as pending (with its <c>transactionId</c>) before it is sent; anything
/// a run leaves in doubt (a pending create, an answer lost, a create sent twice, a duplicate not yet
/// deleted) makes the next run <em>reconcile</em>: list our events in the mailbox (by the extended
/// property, paged), compare with the state and the desired set, keep one event per Saison id and
/// delete the other copies, create what is missing, delete orphans. A reconciliation can also be asked
/// for (the nightly timer run, the endpoint);</item>
/// <item>otherwise changes are found by content hash against the stored state, so a resync with
/// nothing new sends nothing;</item>
/// <item>writes go in <c>$batch</c>es of at most 20, one batch at a time per mailbox (Outlook runs at
/// most 4 of a batch's requests at once, its per-mailbox limit); 429/503 inside a batch are retried
/// after their Retry-After. The batch body is written here, every url escaped by <see cref="GraphUrl"/>:
/// Microsoft.Graph.Core's BatchRequestContent unescapes each step's url (4.0.1), which turns an
/// escaped <c>#</c> in an id back into the start of a fragment.</item>
/// </list>
/// </summary>
public sealed class OutlookSync
{
    private const string PreferImmutableIds = "IdType=\"ImmutableId\"";
    private const int ListAttempts = 3;
    private readonly GraphServiceClient _graph;
    private readonly OutlookSyncOptions _options;
    private readonly IOutlookSyncState _state;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly TimeProvider _time;

    public OutlookSync(GraphServiceClient graph, OutlookSyncOptions options, IOutlookSyncState state, Func<TimeSpan, CancellationToken, Task> delay, TimeProvider time)
    {
        _graph = graph;
        _options = options;
        _state = state;
        _delay = delay;
        _time = time;
    }

    /// <summary>Called between the steps of a run (tests inject crashes there).</summary>
    internal Func<string, CancellationToken, Task>? Checkpoint { get; set; }

    /// <summary>
    /// Brings every target to its items; a dry run reads the stored state only and writes nothing.
    /// <paramref name="reconcile"/> compares each calendar with the mailbox even when the stored state
    /// leaves nothing in doubt (a run that has something in doubt always does).
    /// </summary>
    public async Task<OutlookSyncReport> SyncAsync(IReadOnlyList<(OutlookTarget Target, IReadOnlyList<OutlookItem> Items)> work, bool dryRun = false, bool reconcile = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            // Mailboxes in parallel (each has its own limits); one mailbox's calendars one after the other.
            var mailboxes = work.GroupBy(w => w.Target.Mailbox, StringComparer.OrdinalIgnoreCase)
                .Select(async mailbox =>
                {
                    var reports = new List<OutlookTargetReport>();
                    foreach (var (target, items) in mailbox)
                    {
                        reports.Add(await SyncTargetAsync(target, items, dryRun, reconcile, cancellationToken).ConfigureAwait(false));
                    }

                    return reports;
                });
            var all = await Task.WhenAll(mailboxes).ConfigureAwait(false);
            return new OutlookSyncReport(dryRun, [.. all.SelectMany(r => r)], null);
        }
        catch (CredentialUnavailableException e)
        {
            return new OutlookSyncReport(dryRun, [], "Credential unavailable: " + e.Message);
        }
        catch (AuthenticationFailedException e)
        {
            // Entra's reason (AADSTS…) is in the inner MSAL exception.
            return new OutlookSyncReport(dryRun, [], DescribeCredentialError(string.Join(" ", Messages(e))));
        }
    }

    private static IEnumerable<string> Messages(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }

    /// <summary>Words an Entra refusal: an expired secret is named as such (AADSTS7000222).</summary>
    public static string DescribeCredentialError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Contains("AADSTS7000222", StringComparison.Ordinal) || message.Contains("expired", StringComparison.OrdinalIgnoreCase)
            ? "Credential expired: the app's client secret has expired; renew it. " + message
            : "Credential refused: " + message;
    }

    private sealed class Counters
    {
        public int Created;
        public int Updated;
        public int Deleted;
        public int Adopted;
        public int Duplicates;
        public int Missing;
        public int Requests;
        public int Batches;
        public bool Reconciled;
        public List<string> Failed { get; } = [];
    }

    private enum OperationKind
    {
        Create,
        Update,
        Delete,
    }

    private sealed record Operation(OperationKind Kind, string SaisonId, string? GraphId, OutlookItem? Item, string? TransactionId, bool IsDuplicate = false);

    /// <summary>
    /// What became of one operation. <see cref="SentAgain"/>: it was sent again after an answer that
    /// does not prove the first sending was not carried out (a 503/504, of the step or of the whole
    /// batch): a create may then exist twice if Graph did not recognise its transactionId.
    /// </summary>
    private sealed record Outcome(Operation Operation, HttpStatusCode? Status, string? Body, string? Error, bool SentAgain = false)
    {
        public bool IsSuccess => Status is { } s && (int)s is >= 200 and < 300;
    }

    private async Task<OutlookTargetReport> SyncTargetAsync(OutlookTarget target, IReadOnlyList<OutlookItem> items, bool dryRun, bool reconcile, CancellationToken cancellationToken)
    {
        var counters = new Counters();
        var desired = new Dictionary<string, OutlookItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!desired.TryAdd(item.SaisonId, item))
            {
                throw new ArgumentException($"SaisonId '{item.SaisonId}' appears twice for {target.Key}.", nameof(items));
            }
        }

        var state = new Dictionary<string, SyncedEvent>(await _state.LoadAsync(target, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        await CheckpointAsync("state-loaded", cancellationToken).ConfigureAwait(false);

        if (dryRun)
        {
            var wouldCreate = desired.Keys.Count(id => !state.TryGetValue(id, out var s) || s.IsPendingCreate);
            var wouldUpdate = desired.Count(d => state.TryGetValue(d.Key, out var s) && !s.IsPendingCreate && s.ContentHash != d.Value.ContentHash());
            var wouldDelete = state.Values.Count(s => !s.IsPendingCreate && !desired.ContainsKey(s.SaisonId));
            return new OutlookTargetReport(target.Key, wouldCreate, wouldUpdate, wouldDelete, desired.Count - wouldCreate - wouldUpdate, 0, 0, [], 0, 0);
        }

        // A create sent again with the same content keeps its transactionId, so Graph can recognise the retry.
        var pendingTransactions = state.Values.Where(s => s.IsPendingCreate && s.TransactionId is not null).ToDictionary(s => s.SaisonId, s => (Hash: s.ContentHash, Id: s.TransactionId!), StringComparer.Ordinal);

        // 1. Anything in doubt, or asked for: compare with the mailbox first.
        List<Operation> duplicates = [];
        if (reconcile || state.Values.Any(s => s.IsInDoubt))
        {
            var found = await ReconcileAsync(target, state, counters, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                // Never decide on part of a mailbox: nothing is written, the doubt stays for the next run.
                return Report(target, counters, 0);
            }

            duplicates = found;
        }

        // 2. What to do, by content. After a reconciliation no entry is pending; without one, none was.
        var creates = new List<Operation>();
        var writes = new List<Operation>(duplicates);
        var unchanged = 0;
        foreach (var (id, item) in desired)
        {
            if (!state.TryGetValue(id, out var known))
            {
                var hash = item.ContentHash();
                var transactionId = pendingTransactions.TryGetValue(id, out var earlier) && earlier.Hash == hash ? earlier.Id : NewTransactionId();
                creates.Add(new Operation(OperationKind.Create, id, null, item, transactionId));
            }
            else if (known.ContentHash != item.ContentHash())
            {
                writes.Add(new Operation(OperationKind.Update, id, known.GraphId, item, null));
            }
            else
            {
                unchanged++;
            }
        }

        writes.AddRange(state.Values.Where(s => !desired.ContainsKey(s.SaisonId)).Select(s => new Operation(OperationKind.Delete, s.SaisonId, s.GraphId, null, null)));

        // 3. Deletes and updates.
        var recreate = new List<Operation>();
        await ExecuteAsync(target, writes, counters, outcomes => SaveWritesAsync(target, outcomes, state, counters, recreate, cancellationToken), cancellationToken).ConfigureAwait(false);

        // 4. Creates: pending first, then sent.
        creates.AddRange(recreate);
        await CreateAsync(target, creates, state, counters, cancellationToken).ConfigureAwait(false);
        return Report(target, counters, unchanged);
    }

    /// <summary>Lists our events in the mailbox and corrects the state from them; the duplicates to delete, or null when the listing failed.</summary>
    private async Task<List<Operation>?> ReconcileAsync(OutlookTarget target, Dictionary<string, SyncedEvent> state, Counters counters, CancellationToken cancellationToken)
    {
        var owned = await ListOwnedAsync(target, counters, cancellationToken).ConfigureAwait(false);
        if (owned is null)
        {
            return null;
        }

        var plan = OutlookReconciliation.Compare(state, owned);
        await _state.SaveAsync(target, plan.Upserts, plan.Removals, cancellationToken).ConfigureAwait(false);
        plan.Upserts.ToList().ForEach(u => state[u.SaisonId] = u);
        plan.Removals.ToList().ForEach(r => state.Remove(r));
        counters.Adopted = plan.Adopted;
        counters.Missing = plan.Missing;
        counters.Reconciled = true;
        await CheckpointAsync("reconciled", cancellationToken).ConfigureAwait(false);
        return [.. plan.Duplicates.Select(d => new Operation(OperationKind.Delete, d.SaisonId, d.GraphId, null, null, IsDuplicate: true))];
    }

    /// <summary>Records the creates as pending, then sends them; each created event's id goes into the state.</summary>
    private async Task CreateAsync(OutlookTarget target, List<Operation> creates, Dictionary<string, SyncedEvent> state, Counters counters, CancellationToken cancellationToken)
    {
        if (creates.Count == 0)
        {
            return;
        }

        var pendingEntries = creates.Select(c => new SyncedEvent(c.SaisonId, null, c.Item!.ContentHash(), c.TransactionId)).ToList();
        await _state.SaveAsync(target, pendingEntries, [], cancellationToken).ConfigureAwait(false);
        pendingEntries.ForEach(p => state[p.SaisonId] = p);
        await CheckpointAsync("pending-saved", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(target, creates, counters, async outcomes =>
        {
            var upserts = new List<SyncedEvent>();
            foreach (var outcome in outcomes)
            {
                var id = outcome.IsSuccess ? CreatedId(outcome.Body) : null;
                if (id is null)
                {
                    // Left pending: the next run looks for it in the mailbox.
                    counters.Failed.Add($"create {outcome.Operation.SaisonId}: {Describe(outcome)}");
                    continue;
                }

                // Sent twice: a second copy may exist; the next run reconciles.
                var entry = new SyncedEvent(outcome.Operation.SaisonId, id, outcome.Operation.Item!.ContentHash(), null, Confirmed: !outcome.SentAgain);
                state[entry.SaisonId] = entry;
                upserts.Add(entry);
                counters.Created++;
            }

            await _state.SaveAsync(target, upserts, [], cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveWritesAsync(OutlookTarget target, IReadOnlyList<Outcome> outcomes, Dictionary<string, SyncedEvent> state, Counters counters, List<Operation> recreate, CancellationToken cancellationToken)
    {
        var upserts = new List<SyncedEvent>();
        var removals = new List<string>();
        foreach (var outcome in outcomes)
        {
            var operation = outcome.Operation;
            if (operation.Kind == OperationKind.Delete && (outcome.IsSuccess || outcome.Status == HttpStatusCode.NotFound))
            {
                if (operation.IsDuplicate)
                {
                    counters.Duplicates++;
                }
                else
                {
                    removals.Add(operation.SaisonId);
                    state.Remove(operation.SaisonId);
                    counters.Deleted++;
                }
            }
            else if (operation.Kind == OperationKind.Update && outcome.IsSuccess)
            {
                var entry = state[operation.SaisonId] with { ContentHash = operation.Item!.ContentHash() };
                state[entry.SaisonId] = entry;
                upserts.Add(entry);
                counters.Updated++;
            }
            else if (operation.Kind == OperationKind.Update && outcome.Status == HttpStatusCode.NotFound)
            {
                // Someone deleted our event in Outlook: it is created again.
                removals.Add(operation.SaisonId);
                state.Remove(operation.SaisonId);
                recreate.Add(new Operation(OperationKind.Create, operation.SaisonId, null, operation.Item, NewTransactionId()));
            }
            else
            {
                counters.Failed.Add($"{operation.Kind.ToString().ToLowerInvariant()} {operation.SaisonId}: {Describe(outcome)}");
                if (operation.IsDuplicate && state.TryGetValue(operation.SaisonId, out var kept) && kept.Confirmed)
                {
                    // The copy may still be there: the next run reconciles.
                    var entry = kept with { Confirmed = false };
                    state[entry.SaisonId] = entry;
                    upserts.Add(entry);
                }
            }
        }

        await _state.SaveAsync(target, upserts, removals, cancellationToken).ConfigureAwait(false);
    }

    private static OutlookTargetReport Report(OutlookTarget target, Counters counters, int unchanged) =>
        new(target.Key, counters.Created, counters.Updated, counters.Deleted, unchanged, counters.Adopted, counters.Duplicates, counters.Failed, counters.Requests, counters.Batches, counters.Reconciled, counters.Missing);

    /// <summary>
    /// Our events in the target's calendar, by the exact value of our property (paged, each page tried
    /// up to three times: a read is safe to repeat); null when the listing could not be completed.
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>?> ListOwnedAsync(OutlookTarget target, Counters counters, CancellationToken cancellationToken)
    {
        // The first page's url is ours (escaped like the batch steps'); the next ones are Graph's nextLink, used as given.
        var events = _graph.Users[target.Mailbox].Calendar.Events;
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? next = _graph.RequestAdapter.BaseUrl!.TrimEnd('/') + GraphUrl.Events(target) + GraphUrl.Query(
            ("$filter", GraphUrl.HasProperty(_options.PropertyId)),
            ("$expand", GraphUrl.ExpandProperty(_options.PropertyId)),
            ("$select", "id"),
            ("$top", _options.PageSize.ToString(CultureInfo.InvariantCulture)));
        do
        {
            EventCollectionResponse? page = null;
            for (var attempt = 1; page is null; attempt++)
            {
                try
                {
                    counters.Requests++;
                    page = await events.WithUrl(next).GetAsync(c => c.Headers.Add("Prefer", PreferImmutableIds), cancellationToken).ConfigureAwait(false)
                        ?? new EventCollectionResponse { Value = [] };
                }
                catch (Exception e) when (LeavesOutcomeUnknown(e, cancellationToken))
                {
                    if (attempt >= ListAttempts)
                    {
                        counters.Failed.Add($"reconcile {target.Key}: listing our events failed ({e.GetType().Name}: {e.Message})");
                        return null;
                    }
                }
            }

            foreach (var graphEvent in page.Value ?? [])
            {
                var value = graphEvent.SingleValueExtendedProperties?
                    .FirstOrDefault(p => string.Equals(p.Id, _options.PropertyId, StringComparison.OrdinalIgnoreCase))?.Value;
                if (graphEvent.Id is { } id && !string.IsNullOrEmpty(value))
                {
                    if (!found.TryGetValue(value, out var ids))
                    {
                        found[value] = ids = [];
                    }

                    ids.Add(id);
                }
            }

            next = page.OdataNextLink;
        }
        while (next is not null);

        return found.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal);
    }

    private static bool LeavesOutcomeUnknown(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or ApiException or IOException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Sends operations in batches, retrying throttled ones after Retry-After, and hands each batch's outcomes to <paramref name="afterBatch"/>.</summary>
    private async Task ExecuteAsync(OutlookTarget target, IReadOnlyList<Operation> operations, Counters counters, Func<IReadOnlyList<Outcome>, Task> afterBatch, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < operations.Count; offset += _options.BatchSize)
        {
            var chunk = operations.Skip(offset).Take(_options.BatchSize).ToList();
            var outcomes = new List<Outcome>();
            var remaining = chunk;
            var sentAgain = new HashSet<Operation>(ReferenceEqualityComparer.Instance);
            for (var attempt = 0; remaining.Count > 0; attempt++)
            {
                var byStep = new Dictionary<string, Operation>(StringComparer.Ordinal);
                for (var i = 0; i < remaining.Count; i++)
                {
                    byStep[(i + 1).ToString(CultureInfo.InvariantCulture)] = remaining[i];
                }

                Dictionary<string, GraphBatch.Answer> answers;
                var resend = new ResendRecord();
                try
                {
                    counters.Requests++;
                    counters.Batches++;
                    var steps = byStep.Select(s => new GraphBatch.Step(s.Key, MethodOf(s.Value.Kind), Url(target, s.Value), Body(s.Value))).ToList();
                    answers = await GraphBatch.SendAsync(_graph.RequestAdapter, steps, PreferImmutableIds, resend, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (LeavesOutcomeUnknown(e, cancellationToken))
                {
                    // The whole batch is in doubt (a dropped connection, a timeout): the state says
                    // what to check next run (pending creates are looked for; updates and deletes are idempotent).
                    outcomes.AddRange(remaining.Select(o => new Outcome(o, null, null, $"{e.GetType().Name}: {e.Message}", resend.AfterPossibleWork || sentAgain.Contains(o))));
                    break;
                }

                if (resend.AfterPossibleWork)
                {
                    remaining.ForEach(o => sentAgain.Add(o));
                }

                var retry = new List<Operation>();
                var wait = TimeSpan.Zero;
                foreach (var (step, operation) in byStep)
                {
                    if (!answers.TryGetValue(step, out var answer))
                    {
                        outcomes.Add(new Outcome(operation, null, null, "no answer in the batch", sentAgain.Contains(operation)));
                        continue;
                    }

                    if (ThrottlingRetryHandler.IsThrottled(answer.Status) && attempt < _options.MaxRetries)
                    {
                        retry.Add(operation);
                        if (answer.Status != HttpStatusCode.TooManyRequests)
                        {
                            // A 503/504 does not say the step was not carried out.
                            sentAgain.Add(operation);
                        }

                        var asked = ThrottlingRetryHandler.RetryAfter(answer.RetryAfter, TimeSpan.FromSeconds(Math.Pow(2, attempt)), _time.GetUtcNow());
                        wait = asked > wait ? asked : wait;
                        continue;
                    }

                    outcomes.Add(new Outcome(operation, answer.Status, answer.Body, null, sentAgain.Contains(operation)));
                }

                remaining = retry;
                if (retry.Count > 0)
                {
                    await _delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            await CheckpointAsync($"batch-sent:{target.Key}:{offset / _options.BatchSize}", cancellationToken).ConfigureAwait(false);
            await afterBatch(outcomes).ConfigureAwait(false);
            await CheckpointAsync($"batch-saved:{target.Key}:{offset / _options.BatchSize}", cancellationToken).ConfigureAwait(false);
        }
    }

    private static string MethodOf(OperationKind kind) => kind switch
    {
        OperationKind.Create => "POST",
        OperationKind.Update => "PATCH",
        _ => "DELETE",
    };

    private static string Url(OutlookTarget target, Operation operation) =>
        operation.Kind == OperationKind.Create ? GraphUrl.Events(target) : GraphUrl.Event(target, operation.GraphId!);

    private Event? Body(Operation operation) => operation.Kind switch
    {
        OperationKind.Create => ToGraph(operation.Item!, operation.TransactionId),
        OperationKind.Update => ToGraph(operation.Item!, null),
        _ => null,
    };

    /// <summary>The event as Graph takes it; a create also carries the transactionId and our id.</summary>
    private Event ToGraph(OutlookItem item, string? transactionId)
    {
        var graphEvent = new Event
        {
            Subject = item.Subject,
            Body = new ItemBody { ContentType = BodyType.Text, Content = item.Body ?? string.Empty },
            Location = new Location { DisplayName = item.Location ?? string.Empty },
            Categories = [.. item.Categories],
            Start = new DateTimeTimeZone { DateTime = item.Start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), TimeZone = item.TimeZoneId },
            End = new DateTimeTimeZone { DateTime = item.End.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), TimeZone = item.TimeZoneId },
            IsAllDay = item.IsAllDay,
            ShowAs = item.ShowAsFree ? FreeBusyStatus.Free : FreeBusyStatus.Oof,
            IsReminderOn = false,
        };
        if (transactionId is not null)
        {
            graphEvent.TransactionId = transactionId;
            graphEvent.SingleValueExtendedProperties = [new SingleValueLegacyExtendedProperty { Id = _options.PropertyId, Value = item.SaisonId }];
        }

        return graphEvent;
    }

    private static string NewTransactionId() => Guid.NewGuid().ToString("D");

    private static string? CreatedId(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    private static string Describe(Outcome outcome)
    {
        if (outcome.Error is not null)
        {
            return outcome.Error;
        }

        var message = outcome.Body;
        if (!string.IsNullOrEmpty(message) && message.TrimStart().StartsWith('{'))
        {
            using var document = JsonDocument.Parse(message);
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var text))
            {
                message = text.GetString();
            }
        }

        return $"{(int?)outcome.Status} {message}".Trim();
    }

    private Task CheckpointAsync(string step, CancellationToken cancellationToken) => Checkpoint?.Invoke(step, cancellationToken) ?? Task.CompletedTask;
}
