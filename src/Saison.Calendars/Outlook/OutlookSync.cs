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
/// <item>it touches only the events it owns, marked with our id in a single-value extended property;</item>
/// <item>a create is recorded as pending (with its <c>transactionId</c>) before it is sent; a pending
/// create found on the next run is looked up by our id first, adopted if it exists (duplicates
/// deleted), re-sent with the same transactionId otherwise — so SDK retries, crashes and timeouts
/// leave neither a duplicate nor an orphan;</item>
/// <item>changes are found by content hash against the stored state, so a resync with nothing new
/// sends nothing;</item>
/// <item>writes go in <c>$batch</c>es of at most 20, one batch at a time per mailbox (Outlook runs at
/// most 4 of a batch's requests at once, its per-mailbox limit); 429/503 inside a batch are retried
/// after their Retry-After.</item>
/// </list>
/// </summary>
public sealed class OutlookSync
{
    private const string PreferImmutableIds = "IdType=\"ImmutableId\"";
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

    /// <summary>Brings every target to its items; a dry run reads the stored state only and writes nothing.</summary>
    public async Task<OutlookSyncReport> SyncAsync(IReadOnlyList<(OutlookTarget Target, IReadOnlyList<OutlookItem> Items)> work, bool dryRun = false, CancellationToken cancellationToken = default)
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
                        reports.Add(await SyncTargetAsync(target, items, dryRun, cancellationToken).ConfigureAwait(false));
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
        public int Requests;
        public int Batches;
        public List<string> Failed { get; } = [];
    }

    private enum OperationKind
    {
        Lookup,
        Create,
        Update,
        Delete,
    }

    private sealed record Operation(OperationKind Kind, string SaisonId, string? GraphId, OutlookItem? Item, string? TransactionId, bool IsDuplicate = false);

    private sealed record Outcome(Operation Operation, HttpStatusCode? Status, string? Body, string? Error)
    {
        public bool IsSuccess => Status is { } s && (int)s is >= 200 and < 300;
    }

    private async Task<OutlookTargetReport> SyncTargetAsync(OutlookTarget target, IReadOnlyList<OutlookItem> items, bool dryRun, CancellationToken cancellationToken)
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

        // 1. Creates left pending by an earlier run: did they happen?
        var duplicates = new List<Operation>();
        var pending = state.Values.Where(s => s.IsPendingCreate).ToList();
        if (pending.Count > 0)
        {
            var lookups = pending.Select(p => new Operation(OperationKind.Lookup, p.SaisonId, null, null, p.TransactionId)).ToList();
            await ExecuteAsync(target, lookups, counters, async outcomes =>
            {
                var adopted = new List<SyncedEvent>();
                foreach (var outcome in outcomes)
                {
                    if (!outcome.IsSuccess)
                    {
                        counters.Failed.Add($"lookup {outcome.Operation.SaisonId}: {Describe(outcome)}");
                        continue;
                    }

                    var ids = FoundIds(outcome.Body);
                    if (ids.Count == 0)
                    {
                        continue;
                    }

                    var entry = state[outcome.Operation.SaisonId] with { GraphId = ids[0], TransactionId = null };
                    state[entry.SaisonId] = entry;
                    adopted.Add(entry);
                    counters.Adopted++;
                    duplicates.AddRange(ids.Skip(1).Select(id => new Operation(OperationKind.Delete, entry.SaisonId, id, null, null, IsDuplicate: true)));
                }

                if (adopted.Count > 0)
                {
                    await _state.SaveAsync(target, adopted, [], cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
            await CheckpointAsync("pending-resolved", cancellationToken).ConfigureAwait(false);
        }

        // 2. What to do, by content.
        var creates = new List<Operation>();
        var writes = new List<Operation>(duplicates);
        var unchanged = 0;
        foreach (var (id, item) in desired)
        {
            if (!state.TryGetValue(id, out var known) || known.IsPendingCreate)
            {
                var hash = item.ContentHash();

                // Same content as the pending create: same transactionId, so Graph can recognise a retry.
                var transactionId = known is { IsPendingCreate: true } && known.ContentHash == hash && known.TransactionId is not null ? known.TransactionId : NewTransactionId();
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

        var forgotten = new List<string>();
        foreach (var known in state.Values.Where(s => !desired.ContainsKey(s.SaisonId)))
        {
            if (known.IsPendingCreate)
            {
                // Looked up and not found: nothing exists to delete.
                forgotten.Add(known.SaisonId);
            }
            else
            {
                writes.Add(new Operation(OperationKind.Delete, known.SaisonId, known.GraphId, null, null));
            }
        }

        if (forgotten.Count > 0)
        {
            await _state.SaveAsync(target, [], forgotten, cancellationToken).ConfigureAwait(false);
            forgotten.ForEach(f => state.Remove(f));
        }

        // 3. Deletes and updates.
        var recreate = new List<Operation>();
        await ExecuteAsync(target, writes, counters, async outcomes =>
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
                    recreate.Add(new Operation(OperationKind.Create, operation.SaisonId, null, operation.Item, NewTransactionId()));
                }
                else
                {
                    counters.Failed.Add($"{operation.Kind.ToString().ToLowerInvariant()} {operation.SaisonId}: {Describe(outcome)}");
                }
            }

            await _state.SaveAsync(target, upserts, removals, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        // 4. Creates: pending first, then sent.
        creates.AddRange(recreate);
        if (creates.Count > 0)
        {
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
                        counters.Failed.Add($"create {outcome.Operation.SaisonId}: {Describe(outcome)}");
                        continue;
                    }

                    var entry = new SyncedEvent(outcome.Operation.SaisonId, id, outcome.Operation.Item!.ContentHash(), null);
                    state[entry.SaisonId] = entry;
                    upserts.Add(entry);
                    counters.Created++;
                }

                await _state.SaveAsync(target, upserts, [], cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        return new OutlookTargetReport(target.Key, counters.Created, counters.Updated, counters.Deleted, unchanged, counters.Adopted, counters.Duplicates, counters.Failed, counters.Requests, counters.Batches);
    }

    /// <summary>Sends operations in batches, retrying throttled ones after Retry-After, and hands each batch's outcomes to <paramref name="afterBatch"/>.</summary>
    private async Task ExecuteAsync(OutlookTarget target, IReadOnlyList<Operation> operations, Counters counters, Func<IReadOnlyList<Outcome>, Task> afterBatch, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < operations.Count; offset += _options.BatchSize)
        {
            var chunk = operations.Skip(offset).Take(_options.BatchSize).ToList();
            var outcomes = new List<Outcome>();
            var remaining = chunk;
            for (var attempt = 0; remaining.Count > 0; attempt++)
            {
                // One batch of at most BatchSize steps (the collection would split larger ones).
                var batch = new BatchRequestContentCollection(_graph, _options.BatchSize);
                var byStep = new Dictionary<string, Operation>(StringComparer.Ordinal);
                for (var i = 0; i < remaining.Count; i++)
                {
                    var step = (i + 1).ToString(CultureInfo.InvariantCulture);
                    byStep[step] = remaining[i];
                    await batch.AddBatchRequestStepAsync(Request(target, remaining[i]), step).ConfigureAwait(false);
                }

                Dictionary<string, HttpResponseMessage> responses;
                try
                {
                    counters.Requests++;
                    counters.Batches++;
                    var response = await _graph.Batch.PostAsync(batch, cancellationToken).ConfigureAwait(false);
                    responses = new Dictionary<string, HttpResponseMessage>(StringComparer.Ordinal);
                    foreach (var step in (await response.GetResponsesStatusCodesAsync().ConfigureAwait(false)).Keys)
                    {
                        responses[step] = await response.GetResponseByIdAsync(step).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or ApiException or IOException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // The whole batch is in doubt (a dropped connection, a timeout): the state says
                    // what to check next run (pending creates are looked up; updates and deletes are idempotent).
                    outcomes.AddRange(remaining.Select(o => new Outcome(o, null, null, $"{e.GetType().Name}: {e.Message}")));
                    break;
                }

                var retry = new List<Operation>();
                var wait = TimeSpan.Zero;
                foreach (var (step, operation) in byStep)
                {
                    if (!responses.TryGetValue(step, out var message))
                    {
                        outcomes.Add(new Outcome(operation, null, null, "no answer in the batch"));
                        continue;
                    }

                    using (message)
                    {
                        if (ThrottlingRetryHandler.IsThrottled(message.StatusCode) && attempt < _options.MaxRetries)
                        {
                            retry.Add(operation);
                            var asked = ThrottlingRetryHandler.RetryAfter(message.Headers.RetryAfter, TimeSpan.FromSeconds(Math.Pow(2, attempt)), _time.GetUtcNow());
                            wait = asked > wait ? asked : wait;
                            continue;
                        }

                        var body = message.Content is null ? null : await message.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                        outcomes.Add(new Outcome(operation, message.StatusCode, body, null));
                    }
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

    private RequestInformation Request(OutlookTarget target, Operation operation)
    {
        var user = _graph.Users[target.Mailbox];
        var filter = $"singleValueExtendedProperties/Any(ep: ep/id eq '{_options.PropertyId}' and ep/value eq '{operation.SaisonId.Replace("'", "''", StringComparison.Ordinal)}')";
        var request = operation.Kind switch
        {
            OperationKind.Lookup when target.CalendarId is null => user.Calendar.Events.ToGetRequestInformation(c =>
            {
                c.QueryParameters.Filter = filter;
                c.QueryParameters.Select = ["id"];
            }),
            OperationKind.Lookup => user.Calendars[target.CalendarId].Events.ToGetRequestInformation(c =>
            {
                c.QueryParameters.Filter = filter;
                c.QueryParameters.Select = ["id"];
            }),
            OperationKind.Create when target.CalendarId is null => user.Calendar.Events.ToPostRequestInformation(ToGraph(operation.Item!, operation.TransactionId)),
            OperationKind.Create => user.Calendars[target.CalendarId].Events.ToPostRequestInformation(ToGraph(operation.Item!, operation.TransactionId)),
            OperationKind.Update => user.Events[operation.GraphId].ToPatchRequestInformation(ToGraph(operation.Item!, null)),
            _ => user.Events[operation.GraphId].ToDeleteRequestInformation(),
        };
        request.Headers.TryAdd("Prefer", PreferImmutableIds);
        return request;
    }

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

    private static List<string> FoundIds(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("value", out var values)
            ? [.. values.EnumerateArray().Select(v => v.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)]
            : [];
    }

    private static string? CreatedId(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
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
