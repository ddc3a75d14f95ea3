using Saison.Application.Contracts;
using Saison.Application.Seasons;
using Saison.Domain.Events;
using Saison.Domain.Organisers;
using Saison.Domain.Seasons;

namespace Saison.Application.Events;

/// <summary>
/// An event as the API shows it: local times with the season's offset, occurrences expanded, and the
/// warnings on what is legal but unlikely (kept, but said).
/// </summary>
public sealed record EventView(
    string Id,
    int Season,
    string Title,
    string Description,
    string OrganiserId,
    string OrganiserName,
    OrganiserKind OrganiserKind,
    string Kind,
    IReadOnlyList<string> Themes,
    string SiteId,
    string SiteName,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool AllDay,
    RecurrenceView? Recurrence,
    IReadOnlyList<EventOccurrence> Occurrences,
    int ExpectedAttendance,
    SizeClass Size,
    EventStatus Status,
    AgendaStatus Agenda,
    bool InTourismAgenda,
    string? AgendaNote,
    DateOnly ProposedOn,
    int Revision,
    DateTimeOffset LastModified,
    IReadOnlyList<Saison.Domain.Decisions.Reason> Warnings);

/// <summary>A weekly recurrence as the API shows it, with its RRULE (RFC 5545 §3.3.10).</summary>
public sealed record RecurrenceView(IReadOnlyList<DayOfWeek> Days, DateOnly? Until, int? Count, IReadOnlyList<DateOnly> Exceptions, int Interval, string RRule);

/// <summary>What an event is shown with: its season's zone, organisers and sites by id.</summary>
public sealed record EventLookup(Season Season, IReadOnlyDictionary<string, Organiser> Organisers, IReadOnlyDictionary<string, Site> Sites)
{
    public TimeZoneInfo Zone { get; } = SeasonTime.Zone(Season.TimeZoneId);

    public EventView View(SeasonEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var organiser = Organisers.GetValueOrDefault(e.OrganiserId);
        var site = Sites.GetValueOrDefault(e.SiteId);
        return new EventView(
            e.Id,
            e.Season,
            e.Title,
            e.Description,
            e.OrganiserId,
            organiser?.Name ?? e.OrganiserId,
            organiser?.Kind ?? OrganiserKind.Association,
            e.Kind,
            e.Themes,
            e.SiteId,
            site?.Name ?? e.SiteId,
            SeasonTime.ToOffset(e.Schedule.Start, Zone),
            SeasonTime.ToOffset(e.Schedule.End, Zone),
            e.Schedule.AllDay,
            e.Recurrence is { } r ? new RecurrenceView(r.Days, r.Until, r.Count, r.Exceptions, r.Interval, r.ToRRule()) : null,
            [.. e.Occurrences().Select(o => SeasonTime.ToOffsets(o, e.Schedule, Zone)).Select(o => new EventOccurrence(o.Start, o.End))],
            e.ExpectedAttendance,
            e.Size,
            e.Status,
            e.Agenda,
            e.Agenda == AgendaStatus.InAgenda,
            e.AgendaNote,
            e.ProposedOn,
            e.Revision,
            e.LastModified,
            EventRules.Warnings(e, site));
    }

    /// <summary>An enum as the API writes it (camelCase: <c>small</c>, <c>proposed</c>), for the string fields of the contracts.</summary>
    public static string Wire<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public EventSummary Summary(SeasonEvent e)
    {
        var view = View(e);
        return new EventSummary(
            view.Id,
            view.Season,
            view.Title,
            view.OrganiserId,
            view.OrganiserKind,
            view.SiteId,
            view.SiteName,
            view.Start,
            view.End,
            view.AllDay,
            view.InTourismAgenda,
            Wire(view.Size),
            Wire(view.Status),
            view.Themes,
            view.Occurrences,
            view.Revision,
            view.LastModified,
            Sites.GetValueOrDefault(e.SiteId)?.Opening)
        {
            ExpectedAttendance = e.ExpectedAttendance,
        };
    }
}
