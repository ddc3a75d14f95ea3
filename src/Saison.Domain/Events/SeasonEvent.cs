namespace Saison.Domain.Events;

/// <summary>Where an event stands in its own life.</summary>
public enum EventStatus
{
    /// <summary>Proposed by its organiser, not yet confirmed.</summary>
    Proposed,

    /// <summary>Confirmed: it will take place.</summary>
    Confirmed,

    /// <summary>Cancelled: kept for the record, never moved again.</summary>
    Cancelled,

    /// <summary>Took place.</summary>
    Done,
}

/// <summary>The project cell's decision on the summer tourism agenda (agenda touristique de l'été).</summary>
public enum AgendaStatus
{
    /// <summary>Not decided yet.</summary>
    Pending,

    /// <summary>Validated into the agenda: its logistics get priority.</summary>
    InAgenda,

    /// <summary>Kept outside the agenda (with a reason).</summary>
    OutOfAgenda,
}

/// <summary>How big an event is; the reverse-plan template and the logistics depend on it.</summary>
public enum SizeClass
{
    /// <summary>Neighbourhood scale, up to a few hundred people.</summary>
    Small,

    /// <summary>Up to a few thousand.</summary>
    Medium,

    /// <summary>City scale: road closures, safety file.</summary>
    Large,

    /// <summary>Major event (fireworks, touring events): prefecture-level safety.</summary>
    Major,
}

/// <summary>
/// An event (animation, événement) of the season: who organises it, what and where, when (local
/// times, maybe recurring), its status and its place in the summer tourism agenda.
/// </summary>
public sealed record SeasonEvent
{
    public SeasonEvent(
        string id,
        int season,
        string title,
        string description,
        string organiserId,
        string kind,
        IReadOnlyList<string> themes,
        string siteId,
        EventSchedule schedule,
        WeeklyRecurrence? recurrence,
        int expectedAttendance,
        SizeClass size,
        EventStatus status,
        AgendaStatus agenda,
        string? agendaNote,
        DateOnly proposedOn,
        int revision,
        DateTimeOffset lastModified)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentException.ThrowIfNullOrWhiteSpace(organiserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteId);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedAttendance);
        ArgumentOutOfRangeException.ThrowIfLessThan(revision, 1);
        Id = id;
        Season = season;
        Title = title;
        Description = description;
        OrganiserId = organiserId;
        Kind = kind;
        Themes = [.. themes.Distinct(StringComparer.Ordinal)];
        SiteId = siteId;
        Schedule = schedule;
        Recurrence = recurrence;
        ExpectedAttendance = expectedAttendance;
        Size = size;
        Status = status;
        Agenda = agenda;
        AgendaNote = agendaNote;
        ProposedOn = proposedOn;
        Revision = revision;
        LastModified = lastModified;
    }

    public string Id { get; }

    public int Season { get; }

    /// <summary>French title.</summary>
    public string Title { get; }

    /// <summary>French description.</summary>
    public string Description { get; }

    public string OrganiserId { get; }

    /// <summary>What sort of event (concert, festival, sport, visite, nautique…): picks the reverse-plan template with the size.</summary>
    public string Kind { get; }

    /// <summary>Ids of the tonality's themes the event serves.</summary>
    public IReadOnlyList<string> Themes { get; }

    public string SiteId { get; }

    /// <summary>The event, or its first occurrence when it recurs.</summary>
    public EventSchedule Schedule { get; }

    public WeeklyRecurrence? Recurrence { get; }

    public int ExpectedAttendance { get; }

    public SizeClass Size { get; }

    public EventStatus Status { get; }

    public AgendaStatus Agenda { get; }

    /// <summary>Why the project cell kept it out of (or put it in) the agenda.</summary>
    public string? AgendaNote { get; }

    /// <summary>The day it was proposed: the reverse plan cannot start earlier.</summary>
    public DateOnly ProposedOn { get; }

    public int Revision { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>Every occurrence (one for a one-off event), exceptions removed.</summary>
    public IReadOnlyList<EventSchedule> Occurrences() => Recurrence is null ? [Schedule] : Recurrence.Expand(Schedule);

    /// <summary>The day the reverse plan counts back from: the first occurrence.</summary>
    public DateOnly FirstDay => Occurrences()[0].FirstDay;

    /// <summary>The last day of the last occurrence: debrief milestones count from it.</summary>
    public DateOnly LastDay => Occurrences()[^1].LastDay;

    /// <summary>The event with its fields changed and its revision raised.</summary>
    public SeasonEvent With(
        DateTimeOffset at,
        string? title = null,
        string? description = null,
        string? kind = null,
        IReadOnlyList<string>? themes = null,
        string? siteId = null,
        EventSchedule? schedule = null,
        WeeklyRecurrence? recurrence = null,
        bool clearRecurrence = false,
        int? expectedAttendance = null,
        SizeClass? size = null,
        EventStatus? status = null,
        AgendaStatus? agenda = null,
        string? agendaNote = null) =>
        new(
            Id,
            Season,
            title ?? Title,
            description ?? Description,
            OrganiserId,
            kind ?? Kind,
            themes ?? Themes,
            siteId ?? SiteId,
            schedule ?? Schedule,
            clearRecurrence ? null : recurrence ?? Recurrence,
            expectedAttendance ?? ExpectedAttendance,
            size ?? Size,
            status ?? Status,
            agenda ?? Agenda,
            agenda is null ? AgendaNote : agendaNote,
            ProposedOn,
            Revision + 1,
            at);
}
