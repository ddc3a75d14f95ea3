using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Saison.Application.Contracts;
using Saison.Calendars.ICalendar;

namespace Saison.Application.Calendars;

/// <summary>A feed ready to serve: the bytes (UTF-8 iCalendar), a strong ETag of them, and when its content last changed.</summary>
public sealed record FeedDocument(byte[] Content, string ETag, DateTimeOffset LastModified, int EventCount);

/// <summary>
/// Builds the iCalendar feeds from the other areas' contracts only (<see cref="ISeasons"/>,
/// <see cref="ISeasonEvents"/>, <see cref="IReversePlanMilestones"/>, <see cref="ICrewAssignments"/>,
/// <see cref="IAgentAvailability"/>, <see cref="IStaffDirectory"/>). Times are in the season's time
/// zone (its record's <c>TimeZoneId</c>), with its VTIMEZONE. The output depends only on the data
/// (DTSTAMP is the item's last change), so the ETag changes exactly when the content does.
/// </summary>
public sealed class CalendarFeeds
{
    /// <summary>How often subscribers are asked to refresh (RFC 7986 REFRESH-INTERVAL).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(6);

    private readonly IServiceProvider _services;

    public CalendarFeeds(IServiceProvider services)
    {
        _services = services;
    }

    /// <summary>The public summer tourism agenda: events validated into it, public fields only; null if the season is unknown.</summary>
    public async Task<FeedDocument?> AgendaAsync(int season, CancellationToken cancellationToken = default)
    {
        var content = await ItemsAsync(FeedKind.Agenda, season, null, false, string.Empty, cancellationToken).ConfigureAwait(false);
        return content is null ? null : Render(content);
    }

    /// <summary>The feed a token opens; null if its season is unknown.</summary>
    public async Task<FeedDocument?> ForTokenAsync(FeedToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var content = await ItemsAsync(token.Feed, token.Season, token.Subject, token.IncludeNames, token.Salt, cancellationToken).ConfigureAwait(false);
        return content is null ? null : Render(content);
    }

    /// <summary>
    /// The items of a feed (for iCalendar and Outlook alike): <paramref name="subject"/> is the
    /// organisation, crew, team or owner; <paramref name="salt"/> keys anonymous absence UIDs.
    /// </summary>
    public async Task<FeedContent?> ItemsAsync(FeedKind feed, int season, string? subject, bool includeNames, string salt, CancellationToken cancellationToken = default)
    {
        if (await SeasonAsync(season, cancellationToken).ConfigureAwait(false) is not { } summary)
        {
            return null;
        }

        var zone = Zone(summary);
        var from = summary.FirstDay;
        var to = summary.LastDay;
        switch (feed)
        {
            case FeedKind.Organiser:
            {
                var events = await EventsAsync(season, cancellationToken).ConfigureAwait(false);
                var items = events.Where(e => e.OrganiserId == subject)
                    .SelectMany(e => EventItems(e, $"{e.Id}.{season}.organiser@saison", $"Statut : {StatusText(e.Status)}.\nSite : {e.SiteName}.", e.Themes))
                    .ToList();
                return new FeedContent(summary, zone, $"Mes événements — saison {season}", "Les événements de votre organisation, quel que soit leur statut.", items);
            }

            case FeedKind.Crew:
            {
                var tasks = _services.GetService(typeof(ICrewAssignments)) is ICrewAssignments crews
                    ? await crews.ListAsync(season, from, to, cancellationToken).ConfigureAwait(false)
                    : [];
                var items = tasks.Where(t => t.CrewId == subject && t.Published)
                    .GroupBy(t => t.TaskId)
                    .Select(g =>
                    {
                        var task = g.First();
                        var lines = $"Tâche de l'équipe, {Planning.FrenchQuantity.Of(g.Select(t => t.AgentId).Distinct().Count(), "agent", "affecté")}.";
                        return Item($"{task.TaskId}.{season}.crew@saison", task.Title, lines, null, [], task.Start, task.End, false, 0, null, null);
                    })
                    .ToList();
                return new FeedContent(summary, zone, $"Tâches de l'équipe — saison {season}", "Les tâches publiées de l'équipe.", items);
            }

            case FeedKind.Team:
            {
                var absences = _services.GetService(typeof(IAgentAvailability)) is IAgentAvailability availability
                    ? await availability.ListAbsencesAsync(season, from, to, cancellationToken).ConfigureAwait(false)
                    : [];
                var names = includeNames && _services.GetService(typeof(IStaffDirectory)) is IStaffDirectory directory
                    ? (await directory.ListAgentsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal)
                    : null;
                var items = absences.Where(a => a.TeamId == subject)
                    .Select(a =>
                    {
                        // "Absent", never the kind; the name only for the team's managers. The UID is keyed
                        // with a secret salt so that an anonymous feed does not reveal who.
                        var title = names is not null ? $"Absent — {names.GetValueOrDefault(a.AgentId, a.AgentId)}" : "Absent";
                        var uid = Keyed(salt, $"{a.AgentId}|{a.Start:O}|{a.End:O}") + $".{season}.absence@saison";
                        var wholeDays = IsMidnight(a.Start, zone) && IsMidnight(a.End, zone);
                        return Item(uid, title, null, null, [], a.Start, a.End, wholeDays, 0, null, null) with { Busy = true };
                    })
                    .ToList();
                return new FeedContent(summary, zone, $"Absences de l'équipe — saison {season}", "Les absences approuvées de l'équipe (congés, récupérations).", items);
            }

            case FeedKind.Plan:
            {
                var milestones = _services.GetService(typeof(IReversePlanMilestones)) is IReversePlanMilestones plan
                    ? await plan.ListAsync(season, cancellationToken).ConfigureAwait(false)
                    : [];
                // The subject is an owner (the police, the project cell…) or an organisation: then the milestones
                // its events leave to their organiser.
                var events = milestones.Any(m => m.OwnerId == subject) ? [] : await EventsAsync(season, cancellationToken).ConfigureAwait(false);
                var ofOrganisation = events.Where(e => e.OrganiserId == subject).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
                var items = milestones.Where(m => m.OwnerId == subject || (m.OwnerId == Saison.Domain.Destinations.PlanOwner.Organiser && m.EventId is { } eventId && ofOrganisation.Contains(eventId)))
                    .Select(m =>
                    {
                        var start = new DateTimeOffset(m.Due.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(m.Due.ToDateTime(TimeOnly.MinValue)));
                        return Item($"{m.Id}.{season}.milestone@saison", $"Jalon : {m.Title}", $"Échéance du rétroplanning.\nStatut : {StatusText(m.Status)}.", null, ["Rétroplanning"],
                            start, start.AddDays(1), true, m.Revision, m.LastModified, IsCancelled(m.Status) ? EventStatus.Cancelled : null);
                    })
                    .ToList();
                return new FeedContent(summary, zone, $"Mes jalons du rétroplanning — saison {season}", "Les jalons dont vous êtes responsable.", items);
            }

            default:
            {
                var events = await EventsAsync(season, cancellationToken).ConfigureAwait(false);
                var items = events.Where(e => e.InTourismAgenda && e.Season == season)
                    .SelectMany(e => EventItems(e, $"{e.Id}.{season}.agenda@saison", description: null, categories: e.Themes))
                    .ToList();
                return new FeedContent(summary, zone, $"Agenda touristique de l'été {season} — {summary.City}", $"Les animations de l'agenda touristique de l'été {season} à {summary.City}.", items);
            }
        }
    }

    /// <summary>A feed's items with its season, zone and names, before rendering.</summary>
    public sealed record FeedContent(SeasonSummary Season, TimeZoneInfo Zone, string Name, string Description, IReadOnlyList<FeedItem> Items);

    /// <summary>One published item before it becomes a VEVENT or an Outlook event (times as given, converted at rendering).</summary>
    public sealed record FeedItem(
        string Uid,
        string Title,
        string? Description,
        string? Location,
        IReadOnlyList<string> Categories,
        DateTimeOffset Start,
        DateTimeOffset End,
        bool AllDay,
        int Sequence,
        DateTimeOffset? LastModified,
        EventStatus? Status,
        IReadOnlyList<DateTimeOffset>? Occurrences = null)
    {
        /// <summary>Shown as busy/away in Outlook (absences); others are shown free.</summary>
        public bool Busy { get; init; }
    }

    private static FeedItem Item(string uid, string title, string? description, string? location, IReadOnlyList<string> categories, DateTimeOffset start, DateTimeOffset end, bool allDay, int sequence, DateTimeOffset? lastModified, EventStatus? status) =>
        new(uid, title, description, location, categories, start, end, allDay, sequence, lastModified, status);

    private static IEnumerable<FeedItem> EventItems(EventSummary e, string uid, string? description, IReadOnlyList<string> categories)
    {
        var status = IsCancelled(e.Status) ? EventStatus.Cancelled : (EventStatus?)null;
        var occurrences = e.Occurrences.Count > 1 ? e.Occurrences.Select(o => o.Start).ToList() : null;
        yield return new FeedItem(uid, e.Title, description, e.SiteName, categories, e.Start, e.End, e.AllDay, e.Revision, e.LastModified, status, occurrences);
    }

    private static FeedDocument Render(FeedContent feed)
    {
        var (season, zone, name, description, items) = (feed.Season, feed.Zone, feed.Name, feed.Description, feed.Items);
        var events = new List<CalendarEvent>();
        foreach (var item in items.OrderBy(i => i.Start).ThenBy(i => i.Uid, StringComparer.Ordinal))
        {
            events.AddRange(ToCalendarEvents(item, zone));
        }

        var years = events.Select(e => e.Start.Value.Year).Concat(events.Select(e => e.End.Value.Year)).DefaultIfEmpty(season.Year).ToList();
        var timeZone = CalendarTimeZone.FromSystem(zone, years.Min(), years.Max());
        var lastModified = items.Select(i => i.LastModified ?? DateTimeOffset.UnixEpoch).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(false), 16 * 1024, leaveOpen: true))
        {
            IcsWriter.Write(text, new CalendarProperties(CalendarProperties.SaisonProductId, name, description, RefreshInterval, "PUBLISH", zone.Id), [timeZone], events);
        }

        var content = buffer.ToArray();
        var etag = "\"" + Convert.ToBase64String(SHA256.HashData(content), 0, 18).Replace('+', '-').Replace('/', '_') + "\"";
        return new FeedDocument(content, etag, new DateTimeOffset(lastModified.UtcTicks - (lastModified.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero), events.Count);
    }

    internal static IEnumerable<CalendarEvent> ToCalendarEvents(FeedItem item, TimeZoneInfo zone)
    {
        var stamp = item.LastModified ?? DateTimeOffset.UnixEpoch;
        var (start, end) = Times(item.Start, item.End, item.AllDay, zone);
        if (item.Occurrences is { Count: > 1 } occurrences)
        {
            var starts = occurrences.Select(o => Times(o, o + (item.End - item.Start), item.AllDay, zone).Start).ToList();
            var inferred = RecurrenceInference.Infer([.. starts.Select(s => s.Value).Order()]);
            if (inferred is { } recurrence)
            {
                var first = starts.MinBy(s => s.Value)!;
                var firstEnd = Times(occurrences.Min(), occurrences.Min() + (item.End - item.Start), item.AllDay, zone).End;
                var exceptions = recurrence.Exceptions.Select(x => item.AllDay ? CalendarTime.FromDate(DateOnly.FromDateTime(x)) : CalendarTime.Zoned(x, zone.Id)).ToList();
                yield return new CalendarEvent(item.Uid, stamp, first, firstEnd, item.Title, item.Description, item.Location, item.Categories, recurrence.Rule, exceptions, item.Sequence, item.LastModified, item.Status);
                yield break;
            }

            // Irregular dates: one VEVENT per occurrence, each with its own stable UID.
            foreach (var occurrence in occurrences.Order())
            {
                var (s, e) = Times(occurrence, occurrence + (item.End - item.Start), item.AllDay, zone);
                yield return new CalendarEvent($"{occurrence.UtcDateTime:yyyyMMdd'T'HHmm}-{item.Uid}", stamp, s, e, item.Title, item.Description, item.Location, item.Categories, sequence: item.Sequence, lastModified: item.LastModified, status: item.Status);
            }

            yield break;
        }

        yield return new CalendarEvent(item.Uid, stamp, start, end, item.Title, item.Description, item.Location, item.Categories, sequence: item.Sequence, lastModified: item.LastModified, status: item.Status);
    }

    /// <summary>Wall-clock times in the zone, or whole days (end exclusive, at least one day).</summary>
    internal static (CalendarTime Start, CalendarTime End) Times(DateTimeOffset start, DateTimeOffset end, bool allDay, TimeZoneInfo zone)
    {
        var localStart = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var localEnd = TimeZoneInfo.ConvertTime(end, zone).DateTime;
        if (allDay)
        {
            var first = DateOnly.FromDateTime(localStart);
            var after = DateOnly.FromDateTime(localEnd.TimeOfDay == TimeSpan.Zero ? localEnd : localEnd.AddDays(1));
            return (CalendarTime.FromDate(first), CalendarTime.FromDate(after > first ? after : first.AddDays(1)));
        }

        return (CalendarTime.Zoned(localStart, zone.Id), CalendarTime.Zoned(localEnd < localStart ? localStart : localEnd, zone.Id));
    }

    private static bool IsMidnight(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).TimeOfDay == TimeSpan.Zero;

    private static string Keyed(string salt, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(value)))[..32];

    internal static bool IsCancelled(string status) =>
        status.Equals("cancelled", StringComparison.OrdinalIgnoreCase) || status.Equals("canceled", StringComparison.OrdinalIgnoreCase);

    private static string StatusText(string status) => status.ToLowerInvariant() switch
    {
        "proposed" => "proposé",
        "validated" => "validé",
        "confirmed" => "confirmé",
        "cancelled" or "canceled" => "annulé",
        "draft" => "brouillon",
        "late" => "en retard",
        "atrisk" or "at-risk" => "à risque",
        "done" => "réalisé",
        "open" or "todo" => "à faire",
        _ => status,
    };

    private static TimeZoneInfo Zone(SeasonSummary season) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(season.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    private async Task<SeasonSummary?> SeasonAsync(int season, CancellationToken cancellationToken) =>
        _services.GetService(typeof(ISeasons)) is ISeasons seasons ? await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) : null;

    private async Task<IReadOnlyList<EventSummary>> EventsAsync(int season, CancellationToken cancellationToken) =>
        _services.GetService(typeof(ISeasonEvents)) is ISeasonEvents events ? await events.ListAsync(season, cancellationToken).ConfigureAwait(false) : [];
}
