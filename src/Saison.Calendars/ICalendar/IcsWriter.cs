namespace Saison.Calendars.ICalendar;

/// <summary>
/// Writes an iCalendar stream (RFC 5545) as it goes: <see cref="WriteStart"/>, the time zones,
/// the events, <see cref="WriteEnd"/>. Nothing is buffered beyond one content line, so a feed of
/// thousands of events costs one line of memory.
/// </summary>
public sealed class IcsWriter
{
    private readonly ContentLineWriter _lines;
    private readonly HashSet<string> _zones = new(StringComparer.Ordinal);
    private bool _started;
    private bool _ended;

    public IcsWriter(TextWriter output)
    {
        _lines = new ContentLineWriter(output);
    }

    /// <summary>BEGIN:VCALENDAR with PRODID, VERSION, CALSCALE, METHOD, X-WR-CALNAME, X-WR-CALDESC, X-WR-TIMEZONE and the refresh hints.</summary>
    public void WriteStart(CalendarProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (_started)
        {
            throw new InvalidOperationException("The calendar has already started.");
        }

        _started = true;
        _lines.Write("BEGIN", "VCALENDAR");
        _lines.Write("PRODID", properties.ProductId);
        _lines.Write("VERSION", "2.0");
        _lines.Write("CALSCALE", "GREGORIAN");
        if (properties.Method is not null)
        {
            _lines.Write("METHOD", properties.Method);
        }

        if (properties.Name is not null)
        {
            _lines.Write("X-WR-CALNAME", TextValue.Escape(properties.Name));
        }

        if (properties.Description is not null)
        {
            _lines.Write("X-WR-CALDESC", TextValue.Escape(properties.Description));
        }

        if (properties.TimeZoneId is not null)
        {
            _lines.Write("X-WR-TIMEZONE", properties.TimeZoneId);
        }

        if (properties.RefreshInterval is { } refresh)
        {
            var duration = DurationValue.Format(refresh);
            _lines.Write("REFRESH-INTERVAL", [("VALUE", "DURATION")], duration);
            _lines.Write("X-PUBLISHED-TTL", duration);
        }
    }

    /// <summary>A VTIMEZONE; every TZID an event uses must have been written first (§3.6.5).</summary>
    public void WriteTimeZone(CalendarTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        EnsureOpen();
        _lines.Write("BEGIN", "VTIMEZONE");
        _lines.Write("TZID", zone.Id);
        foreach (var observance in zone.Observances)
        {
            var kind = observance.IsDaylight ? "DAYLIGHT" : "STANDARD";
            _lines.Write("BEGIN", kind);
            _lines.Write("DTSTART", CalendarTime.Floating(observance.Start).Format());
            _lines.Write("TZOFFSETFROM", UtcOffsetValue.Format(observance.OffsetFrom));
            _lines.Write("TZOFFSETTO", UtcOffsetValue.Format(observance.OffsetTo));
            if (observance.Rule is not null)
            {
                _lines.Write("RRULE", observance.Rule.Format());
            }

            foreach (var date in observance.RecurrenceDates ?? [])
            {
                _lines.Write("RDATE", CalendarTime.Floating(date).Format());
            }

            if (observance.Name is not null)
            {
                _lines.Write("TZNAME", TextValue.Escape(observance.Name));
            }

            _lines.Write("END", kind);
        }

        _lines.Write("END", "VTIMEZONE");
        _zones.Add(zone.Id);
    }

    public void WriteEvent(CalendarEvent calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        EnsureOpen();
        _lines.Write("BEGIN", "VEVENT");
        _lines.Write("UID", TextValue.Escape(calendarEvent.Uid));
        _lines.Write("DTSTAMP", CalendarTime.Utc(calendarEvent.Stamp).Format());
        WriteTime("DTSTART", calendarEvent.Start);
        WriteTime("DTEND", calendarEvent.End);
        _lines.Write("SUMMARY", TextValue.Escape(calendarEvent.Summary));
        if (calendarEvent.Description is not null)
        {
            _lines.Write("DESCRIPTION", TextValue.Escape(calendarEvent.Description));
        }

        if (calendarEvent.Location is not null)
        {
            _lines.Write("LOCATION", TextValue.Escape(calendarEvent.Location));
        }

        if (calendarEvent.Categories.Count > 0)
        {
            _lines.Write("CATEGORIES", TextValue.EscapeList(calendarEvent.Categories));
        }

        if (calendarEvent.Rule is not null)
        {
            _lines.Write("RRULE", calendarEvent.Rule.Format());
        }

        foreach (var exception in calendarEvent.ExceptionDates)
        {
            WriteTime("EXDATE", exception);
        }

        _lines.Write("SEQUENCE", calendarEvent.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (calendarEvent.LastModified is { } lastModified)
        {
            _lines.Write("LAST-MODIFIED", CalendarTime.Utc(lastModified).Format());
        }

        if (calendarEvent.Status is { } status)
        {
            _lines.Write("STATUS", status.ToString().ToUpperInvariant());
        }

        _lines.Write("END", "VEVENT");
    }

    public void WriteEnd()
    {
        EnsureOpen();
        _lines.Write("END", "VCALENDAR");
        _ended = true;
    }

    /// <summary>A whole calendar in one call.</summary>
    public static void Write(TextWriter output, CalendarProperties properties, IEnumerable<CalendarTimeZone> zones, IEnumerable<CalendarEvent> events)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(events);
        var writer = new IcsWriter(output);
        writer.WriteStart(properties);
        foreach (var zone in zones)
        {
            writer.WriteTimeZone(zone);
        }

        foreach (var calendarEvent in events)
        {
            writer.WriteEvent(calendarEvent);
        }

        writer.WriteEnd();
    }

    private void WriteTime(string name, CalendarTime time)
    {
        switch (time.Kind)
        {
            case CalendarTimeKind.Date:
                _lines.Write(name, [("VALUE", "DATE")], time.Format());
                break;
            case CalendarTimeKind.Zoned:
                if (!_zones.Contains(time.TimeZoneId!))
                {
                    throw new InvalidOperationException($"TZID '{time.TimeZoneId}' is used before its VTIMEZONE was written (RFC 5545 §3.6.5).");
                }

                _lines.Write(name, [("TZID", time.TimeZoneId!)], time.Format());
                break;
            default:
                _lines.Write(name, time.Format());
                break;
        }
    }

    private void EnsureOpen()
    {
        if (!_started || _ended)
        {
            throw new InvalidOperationException(_ended ? "The calendar has already ended." : "Call WriteStart first.");
        }
    }
}
