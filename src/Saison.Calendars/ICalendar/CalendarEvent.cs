namespace Saison.Calendars.ICalendar;

/// <summary>STATUS of a VEVENT (RFC 5545 §3.8.1.11).</summary>
public enum EventStatus
{
    Tentative,
    Confirmed,
    Cancelled,
}

/// <summary>
/// A VEVENT as published: a stable <see cref="Uid"/>, <see cref="Stamp"/> in UTC, a start and an
/// exclusive end (both dates for all-day items, RFC 5545 §3.6.1), texts, categories, an optional
/// recurrence with its exception dates, and the change markers (SEQUENCE, LAST-MODIFIED, STATUS).
/// </summary>
public sealed record CalendarEvent
{
    public CalendarEvent(
        string uid,
        DateTimeOffset stamp,
        CalendarTime start,
        CalendarTime end,
        string summary,
        string? description = null,
        string? location = null,
        IReadOnlyList<string>? categories = null,
        RecurrenceRule? rule = null,
        IReadOnlyList<CalendarTime>? exceptionDates = null,
        int sequence = 0,
        DateTimeOffset? lastModified = null,
        EventStatus? status = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        if (start.IsDate != end.IsDate)
        {
            throw new ArgumentException("Start and end must both be dates or both be date-times (RFC 5545 §3.8.2.2).", nameof(end));
        }

        if (start.IsDate ? end.Date <= start.Date : (end.Kind == start.Kind && end.TimeZoneId == start.TimeZoneId && end.Value < start.Value))
        {
            throw new ArgumentException($"The event '{uid}' ends ({end}) before it starts ({start}); an all-day end is the day after the last.", nameof(end));
        }

        Uid = uid;
        Stamp = stamp.ToUniversalTime();
        Start = start;
        End = end;
        Summary = summary;
        Description = description;
        Location = location;
        Categories = categories ?? [];
        Rule = rule;
        ExceptionDates = exceptionDates ?? [];
        Sequence = sequence;
        LastModified = lastModified?.ToUniversalTime();
        Status = status;
    }

    public string Uid { get; }

    public DateTimeOffset Stamp { get; }

    public CalendarTime Start { get; }

    /// <summary>Exclusive end: for all-day items, the day after the last day.</summary>
    public CalendarTime End { get; }

    public string Summary { get; }

    public string? Description { get; }

    public string? Location { get; }

    public IReadOnlyList<string> Categories { get; }

    public RecurrenceRule? Rule { get; }

    public IReadOnlyList<CalendarTime> ExceptionDates { get; }

    public int Sequence { get; }

    public DateTimeOffset? LastModified { get; }

    public EventStatus? Status { get; }

    public bool IsAllDay => Start.IsDate;

    public bool Equals(CalendarEvent? other) =>
        other is not null && Uid == other.Uid && Stamp == other.Stamp && Start == other.Start && End == other.End && Summary == other.Summary
        && Description == other.Description && Location == other.Location && Categories.SequenceEqual(other.Categories) && Equals(Rule, other.Rule)
        && ExceptionDates.SequenceEqual(other.ExceptionDates) && Sequence == other.Sequence && LastModified == other.LastModified && Status == other.Status;

    public override int GetHashCode() => HashCode.Combine(Uid, Start, End, Summary, Sequence);
}

/// <summary>The calendar-level properties of a VCALENDAR (RFC 5545 §3.7, RFC 7986 §5, and the X-WR- names Outlook reads).</summary>
public sealed record CalendarProperties(
    string ProductId,
    string? Name = null,
    string? Description = null,
    TimeSpan? RefreshInterval = null,
    string? Method = "PUBLISH",
    string? TimeZoneId = null)
{
    /// <summary>The PRODID of everything Saison publishes.</summary>
    public const string SaisonProductId = "-//Saison//Saison Calendars 1.0//FR";
}
