namespace Saison.Calendars.ICalendar;

/// <summary>
/// One STANDARD or DAYLIGHT observance of a VTIMEZONE (RFC 5545 §3.6.5): from its onsets
/// (<see cref="Start"/>, the RRULE's and the RDATEs, wall-clock in <see cref="OffsetFrom"/>)
/// the zone's offset is <see cref="OffsetTo"/>.
/// </summary>
public sealed record TimeZoneObservance(
    bool IsDaylight,
    DateTime Start,
    TimeSpan OffsetFrom,
    TimeSpan OffsetTo,
    RecurrenceRule? Rule = null,
    IReadOnlyList<DateTime>? RecurrenceDates = null,
    string? Name = null)
{
    public bool Equals(TimeZoneObservance? other) =>
        other is not null && IsDaylight == other.IsDaylight && Start == other.Start && OffsetFrom == other.OffsetFrom && OffsetTo == other.OffsetTo
        && Equals(Rule, other.Rule) && (RecurrenceDates ?? []).SequenceEqual(other.RecurrenceDates ?? []) && Name == other.Name;

    public override int GetHashCode() => HashCode.Combine(IsDaylight, Start, OffsetFrom, OffsetTo);
}

/// <summary>
/// A VTIMEZONE: the rules of a zone as published in the calendar, so that a reader needs no
/// time-zone database. Built from the system's rules (<see cref="FromSystem"/>) for the years a
/// calendar covers, or read from a file.
/// </summary>
public sealed record CalendarTimeZone
{
    public CalendarTimeZone(string id, IReadOnlyList<TimeZoneObservance> observances)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(observances);
        if (observances.Count == 0)
        {
            throw new ArgumentException("A VTIMEZONE needs at least one STANDARD or DAYLIGHT observance (RFC 5545 §3.6.5).", nameof(observances));
        }

        Id = id;
        Observances = observances;
    }

    public string Id { get; }

    public IReadOnlyList<TimeZoneObservance> Observances { get; }

    public bool Equals(CalendarTimeZone? other) => other is not null && Id == other.Id && Observances.SequenceEqual(other.Observances);

    public override int GetHashCode() => HashCode.Combine(Id, Observances.Count);

    /// <summary>
    /// The VTIMEZONE of <paramref name="zone"/> for <paramref name="firstYear"/>–<paramref name="lastYear"/>,
    /// from the zone's actual transitions (found by scanning, so any rule set works). Transitions
    /// that repeat on the same weekday rule every year become one observance with a yearly RRULE
    /// (what Outlook reads best); irregular ones are listed one by one. The year before
    /// <paramref name="firstYear"/> is included so that the start of the range has its observance.
    /// </summary>
    public static CalendarTimeZone FromSystem(TimeZoneInfo zone, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstYear, lastYear);
        var transitions = Transitions(zone, new DateTime(firstYear - 1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(lastYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        if (transitions.Count == 0)
        {
            var offset = zone.GetUtcOffset(new DateTime(firstYear, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            return new CalendarTimeZone(zone.Id, [new TimeZoneObservance(false, new DateTime(1970, 1, 1), offset, offset)]);
        }

        var observances = new List<TimeZoneObservance>();
        foreach (var group in transitions.GroupBy(t => (t.IsDaylight, t.From, t.To)))
        {
            var items = group.ToList();
            var pattern = items.Select(t => Pattern(t.Onset)).Distinct().ToList();
            if (items.Count > 1 && pattern.Count == 1 && ConsecutiveYears(items))
            {
                var (month, weekday, time) = pattern[0];
                observances.Add(new TimeZoneObservance(group.Key.IsDaylight, items[0].Onset, group.Key.From, group.Key.To,
                    new RecurrenceRule(RecurrenceFrequency.Yearly, byDay: [weekday], byMonth: [month])));
            }
            else
            {
                observances.AddRange(items.Select(t => new TimeZoneObservance(t.IsDaylight, t.Onset, t.From, t.To)));
            }
        }

        return new CalendarTimeZone(zone.Id, [.. observances.OrderBy(o => o.Start)]);
    }

    private static bool ConsecutiveYears(List<Transition> items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (items[i].Onset.Year != items[i - 1].Onset.Year + 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Month, n-th (or last) weekday and time of an onset: the shape of "last Sunday of March at 02:00".</summary>
    private static (int Month, WeekdayNumber Weekday, TimeSpan Time) Pattern(DateTime onset)
    {
        var last = onset.Day + 7 > DateTime.DaysInMonth(onset.Year, onset.Month);
        var ordinal = last ? -1 : ((onset.Day - 1) / 7) + 1;
        return (onset.Month, new WeekdayNumber(onset.DayOfWeek, ordinal), onset.TimeOfDay);
    }

    private sealed record Transition(DateTime Onset, TimeSpan From, TimeSpan To, bool IsDaylight);

    private static List<Transition> Transitions(TimeZoneInfo zone, DateTime fromUtc, DateTime toUtc)
    {
        var transitions = new List<Transition>();
        var step = TimeSpan.FromDays(1);
        var previous = zone.GetUtcOffset(fromUtc);
        for (var at = fromUtc; at < toUtc; at += step)
        {
            var next = at + step;
            var offset = zone.GetUtcOffset(next);
            if (offset == previous)
            {
                continue;
            }

            // Narrow to the minute: the change happens in (low, high].
            var low = at;
            var high = next;
            while (high - low > TimeSpan.FromMinutes(1))
            {
                var middle = low + TimeSpan.FromTicks((high - low).Ticks / 2);
                if (zone.GetUtcOffset(middle) == previous)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            var instant = new DateTime(high.Ticks - (high.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
            if (zone.GetUtcOffset(instant) != offset)
            {
                instant = instant.AddMinutes(1);
            }

            transitions.Add(new Transition(DateTime.SpecifyKind(instant + previous, DateTimeKind.Unspecified), previous, offset, zone.IsDaylightSavingTime(instant)));
            previous = offset;
        }

        return transitions;
    }
}
