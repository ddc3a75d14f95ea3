using System.Text.RegularExpressions;
using Saison.Application.Contracts;
using Saison.Application.Seasons;
using Saison.Calendars.ICalendar;

namespace Saison.Application.Calendars;

/// <summary>One VEVENT of an uploaded programme as Saison would propose it: instants, occurrences, and the event it repeats, if any.</summary>
public sealed record ImportedEvent(
    string Uid,
    string Title,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool AllDay,
    string? Location,
    string? Description,
    IReadOnlyList<DateTimeOffset> Occurrences,
    string? DuplicateOf);

/// <summary>
/// What an upload would give: the events to propose, those recognised as duplicates, the VEVENTs
/// refused by name with their reason, or why the whole file is unreadable.
/// </summary>
public sealed record ImportPreview(IReadOnlyList<ImportedEvent> Proposed, IReadOnlyList<ImportedEvent> Duplicates, IReadOnlyList<IcsRefusedEvent> Refused, IcsFileError? Error);

/// <summary>
/// Reads an organiser's programme (.ics) into proposed events for a season — without writing:
/// the events area owns proposing. Duplicates are recognised by UID: a UID seen earlier in the
/// file, or one of Saison's own feed UIDs (<c>{eventId}.{season}.…@saison</c>) naming an event
/// the season already has. Floating times and dates are read in the season's zone; recurring
/// events are expanded within the season by Ical.Net (RRULE, RDATE, EXDATE; UNTIL and DST as
/// RFC 5545 says), exceptions removed; cancelled VEVENTs are skipped.
/// </summary>
public sealed partial class ProgrammeImport
{
    private readonly IServiceProvider _services;

    public ProgrammeImport(IServiceProvider services)
    {
        _services = services;
    }

    /// <summary>The preview, or null when the season is unknown.</summary>
    public async Task<ImportPreview?> PreviewAsync(int season, TextReader ics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ics);
        var summary = _services.GetService(typeof(ISeasons)) is ISeasons seasons ? await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) : null;
        if (summary is null)
        {
            return null;
        }

        var calendar = IcsFile.Read(ics);
        if (calendar.Error is { } error)
        {
            return new ImportPreview([], [], [], error);
        }

        var zone = SeasonTime.Zone(summary.TimeZoneId);
        var seasonEnd = SeasonTime.ToOffset(summary.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var existing = _services.GetService(typeof(ISeasonEvents)) is ISeasonEvents events
            ? (await events.ListAsync(season, cancellationToken).ConfigureAwait(false)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal)
            : [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var proposed = new List<ImportedEvent>();
        var duplicates = new List<ImportedEvent>();
        foreach (var vevent in calendar.Events.Where(e => e.Status != EventStatus.Cancelled))
        {
            var first = vevent.First(zone.Id);
            var occurrences = vevent.Recurs
                ? vevent.Occurrences(zone.Id, seasonEnd, MaxOccurrences).Select(o => Local(o.Start, zone)).ToList()
                : [Local(first.Start, zone)];
            var ownId = OwnUid().Match(vevent.Uid) is { Success: true } own && own.Groups[2].Value == season.ToString(System.Globalization.CultureInfo.InvariantCulture) && existing.Contains(own.Groups[1].Value)
                ? own.Groups[1].Value
                : null;
            var imported = new ImportedEvent(vevent.Uid, vevent.Summary, Local(first.Start, zone), Local(first.End, zone), vevent.IsAllDay, vevent.Location, vevent.Description, occurrences, ownId ?? (seen.Contains(vevent.Uid) ? vevent.Uid : null));
            (imported.DuplicateOf is null ? proposed : duplicates).Add(imported);
            seen.Add(vevent.Uid);
        }

        return new ImportPreview(proposed, duplicates, calendar.Refused, null);
    }

    /// <summary>A season has at most this many occurrences of one imported event.</summary>
    private const int MaxOccurrences = 366;

    private static DateTimeOffset Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    [GeneratedRegex(@"^(?:[0-9]{8}T[0-9]{4}-)?([^.@]+)\.([0-9]{4})\.(?:agenda|organiser)@saison$")]
    private static partial Regex OwnUid();
}
