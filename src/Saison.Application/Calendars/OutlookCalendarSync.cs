using Microsoft.Graph;
using Saison.Calendars.ICalendar;
using Saison.Calendars.Outlook;

namespace Saison.Application.Calendars;

/// <summary>Makes the Graph client for a run (the app: app-only credential; tests: the loopback server).</summary>
public delegate GraphServiceClient OutlookClientFactory(OutlookSyncOptions options);

/// <summary>
/// The Outlook sync use case: for each configured mapping, the feed's items (the same as the
/// iCalendar feed's, cancelled ones left out so that they are deleted), each occurrence of a
/// recurring event as its own Outlook event, pushed with <see cref="OutlookSync"/>.
/// </summary>
public sealed class OutlookCalendarSync
{
    private readonly CalendarFeeds _feeds;
    private readonly IOutlookSyncState _state;
    private readonly OutlookSyncOptions _options;
    private readonly OutlookClientFactory _clients;
    private readonly TimeProvider _time;

    public OutlookCalendarSync(CalendarFeeds feeds, IOutlookSyncState state, OutlookSyncOptions options, OutlookClientFactory clients, TimeProvider time)
    {
        _feeds = feeds;
        _state = state;
        _options = options;
        _clients = clients;
        _time = time;
    }

    /// <summary>How long to wait when Graph asks (Retry-After); tests replace it so nothing sleeps.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; set; }

    public bool IsConfigured => _options.Enabled && _options.Calendars.Count > 0;

    /// <summary>
    /// The timer's run that reconciles every calendar with its mailbox: the one starting in the
    /// 02:00–02:29 UTC slot, once a night (the timer runs every 30 minutes). Runs in between
    /// reconcile only what an earlier run left in doubt, so a quiet run stays ⌈changes / 20⌉ batches;
    /// the nightly one also repairs what no run could see (an event deleted or copied by hand).
    /// </summary>
    public static bool IsNightlyReconciliation(DateTimeOffset utcNow) => utcNow.UtcDateTime is { Hour: 2, Minute: < 30 };

    /// <summary>
    /// One run over every mapping; a dry run reports what would change and writes nothing;
    /// <paramref name="reconcile"/> compares each calendar with its mailbox even when the stored state
    /// leaves nothing in doubt (see <see cref="OutlookSync"/>).
    /// </summary>
    public async Task<OutlookSyncReport> RunAsync(bool dryRun, int? season = null, bool reconcile = false, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured)
        {
            return new OutlookSyncReport(dryRun, [], null);
        }

        // A calendar is synced with everything mapped to it, or not at all: what a run does not bring
        // is deleted from it, so a mapping left out (another season, a failure) would lose its events.
        var asked = _options.Calendars.Where(m => season is null || m.Season == season).Select(m => m.Target.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var work = new List<(OutlookTarget, IReadOnlyList<OutlookItem>)>();
        var problems = new List<OutlookTargetReport>();
        foreach (var calendar in _options.Calendars.Where(m => asked.Contains(m.Target.Key)).GroupBy(m => m.Target.Key, StringComparer.OrdinalIgnoreCase))
        {
            var items = new Dictionary<string, OutlookItem>(StringComparer.Ordinal);
            var failures = new List<string>();
            foreach (var mapping in calendar)
            {
                var failure = await AddItemsAsync(mapping, items, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }

            if (failures.Count > 0)
            {
                problems.Add(new OutlookTargetReport(calendar.First().Target.Key, 0, 0, 0, 0, 0, 0, failures, 0, 0));
                continue;
            }

            work.Add((calendar.First().Target, [.. items.Values]));
        }

        var sync = new OutlookSync(_clients(_options), _options, _state, Delay ?? ((wait, ct) => Task.Delay(wait, _time, ct)), _time);
        var report = await sync.SyncAsync(work, dryRun, reconcile, cancellationToken).ConfigureAwait(false);
        return report with { Targets = [.. report.Targets, .. problems] };
    }

    /// <summary>Adds the mapping's items (cancelled ones left out, so that they are deleted); a failure, or null.</summary>
    private async Task<string?> AddItemsAsync(OutlookCalendarMapping mapping, Dictionary<string, OutlookItem> items, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<FeedKind>(mapping.Feed, ignoreCase: true, out var feed) || string.IsNullOrWhiteSpace(mapping.Mailbox))
        {
            return $"mapping: unknown feed '{mapping.Feed}' or no mailbox";
        }

        // Anonymous absence ids are keyed per installation, so that they stay stable between runs.
        var content = await _feeds.ItemsAsync(feed, mapping.Season, mapping.Subject, mapping.IncludeNames, _options.PropertySetId.ToString("N"), cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return $"season {mapping.Season} not found";
        }

        var prefix = feed.ToString().ToLowerInvariant() + ":";
        foreach (var item in content.Items.Where(i => i.Status != EventStatus.Cancelled).SelectMany(i => ToOutlook(prefix, i, content.Zone)))
        {
            // The same event in two feeds of one calendar (two crews serving it) is one Outlook event.
            items.TryAdd(item.SaisonId, item);
        }

        return null;
    }

    /// <summary>One Outlook event per occurrence, wall-clock in the season's zone, whole days for all-day items.</summary>
    public static IEnumerable<OutlookItem> ToOutlook(string prefix, CalendarFeeds.FeedItem item, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(zone);
        var occurrences = item.Occurrences is { Count: > 1 } list ? list : [item.Start];
        foreach (var start in occurrences.Order())
        {
            var (localStart, localEnd) = CalendarFeeds.Times(start, start + (item.End - item.Start), item.AllDay, zone);
            var id = prefix + item.Uid + (occurrences.Count > 1 ? "#" + localStart.Value.ToString("yyyyMMdd'T'HHmm", System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
            yield return new OutlookItem(id, item.Title, item.Description, item.Location, item.Categories, localStart.Value, localEnd.Value, item.AllDay, zone.Id, ShowAsFree: !item.Busy);
        }
    }
}
