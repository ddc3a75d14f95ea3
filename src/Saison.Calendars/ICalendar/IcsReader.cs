using System.Globalization;

namespace Saison.Calendars.ICalendar;

/// <summary>A calendar as read: its properties, time zones and events, with TZIDs resolvable to instants.</summary>
public sealed class IcsCalendar
{
    private readonly Dictionary<string, Func<DateTime, TimeSpan>> _resolvers;

    internal IcsCalendar(CalendarProperties properties, IReadOnlyList<CalendarTimeZone> timeZones, IReadOnlyList<CalendarEvent> events, Dictionary<string, Func<DateTime, TimeSpan>> resolvers)
    {
        Properties = properties;
        TimeZones = timeZones;
        Events = events;
        _resolvers = resolvers;
    }

    public CalendarProperties Properties { get; }

    public IReadOnlyList<CalendarTimeZone> TimeZones { get; }

    public IReadOnlyList<CalendarEvent> Events { get; }

    /// <summary>
    /// The instant of <paramref name="time"/>: UTC as is, a TZID through its VTIMEZONE (or the
    /// IANA zone of that name), a floating time or a date at midnight in <paramref name="floatingZone"/> (UTC if none).
    /// </summary>
    public DateTimeOffset ToInstant(CalendarTime time, TimeZoneInfo? floatingZone = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.Kind switch
        {
            CalendarTimeKind.Utc => new DateTimeOffset(time.Value, TimeSpan.Zero),
            CalendarTimeKind.Zoned => new DateTimeOffset(time.Value, _resolvers[time.TimeZoneId!](time.Value)),
            _ => new DateTimeOffset(time.Value, floatingZone?.GetUtcOffset(time.Value) ?? TimeSpan.Zero),
        };
    }
}

/// <summary>
/// Reads iCalendar text (RFC 5545): VCALENDAR with VTIMEZONE and VEVENT components; unknown
/// properties and components (VTODO, VALARM, X-…) are skipped. Every TZID must resolve — through
/// the calendar's VTIMEZONE or a known IANA zone — or the reader says which line uses it.
/// </summary>
public static class IcsReader
{
    public static IcsCalendar Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader);
    }

    /// <summary>Reads one VCALENDAR; throws <see cref="IcsFormatException"/> with the line and what was expected.</summary>
    public static IcsCalendar Read(TextReader input)
    {
        var lines = new ContentLineReader(input);
        var first = lines.Read();
        if (first is null || !first.Is("BEGIN") || !string.Equals(first.Value, "VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            throw IcsFormatException.At(first?.LineNumber ?? 1, "'BEGIN:VCALENDAR'", first is null ? "end of file" : IcsFormatException.Quote(first.Name + ":" + first.Value));
        }

        string? productId = null;
        string? name = null;
        string? description = null;
        string? method = null;
        string? calendarZone = null;
        TimeSpan? refresh = null;
        var zones = new List<CalendarTimeZone>();
        var pendingEvents = new List<(List<ContentLine> Lines, int End)>();
        while (true)
        {
            var line = lines.Read() ?? throw IcsFormatException.At(lines.PhysicalLine, "'END:VCALENDAR'", "end of file");
            if (line.Is("END"))
            {
                if (!string.Equals(line.Value, "VCALENDAR", StringComparison.OrdinalIgnoreCase))
                {
                    throw IcsFormatException.At(line.LineNumber, "'END:VCALENDAR'", IcsFormatException.Quote("END:" + line.Value));
                }

                break;
            }

            if (line.Is("BEGIN"))
            {
                var component = line.Value.ToUpperInvariant();
                var (body, end) = ReadComponent(lines, component, line.LineNumber);
                if (component == "VTIMEZONE")
                {
                    zones.Add(ReadTimeZone(body, line.LineNumber));
                }
                else if (component == "VEVENT")
                {
                    pendingEvents.Add((body, end));
                }

                continue;
            }

            switch (line.Name)
            {
                case "PRODID": productId = line.Value; break;
                case "METHOD": method = line.Value; break;
                case "X-WR-CALNAME": name = TextValue.Unescape(line.Value); break;
                case "X-WR-CALDESC": description = TextValue.Unescape(line.Value); break;
                case "X-WR-TIMEZONE": calendarZone = line.Value; break;
                case "REFRESH-INTERVAL": refresh = DurationValue.Parse(line.Value, line.LineNumber); break;
                case "X-PUBLISHED-TTL": refresh ??= DurationValue.Parse(line.Value, line.LineNumber); break;
                default: break;
            }
        }

        if (productId is null)
        {
            throw IcsFormatException.At(first.LineNumber, "a PRODID in the VCALENDAR (RFC 5545 §3.7.3)", "none");
        }

        var resolvers = new Dictionary<string, Func<DateTime, TimeSpan>>(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            resolvers[zone.Id] = zone.GetUtcOffset;
        }

        var events = pendingEvents.Select(e => ReadEvent(e.Lines, e.End, resolvers)).ToList();
        return new IcsCalendar(new CalendarProperties(productId, name, description, refresh, method, calendarZone), zones, events, resolvers);
    }

    /// <summary>Like <see cref="Read(TextReader)"/>, for input that may well be malformed (an upload): the error as a value.</summary>
    public static bool TryRead(TextReader input, out IcsCalendar? calendar, out IcsFormatError? error)
    {
        try
        {
            calendar = Read(input);
            error = null;
            return true;
        }
        catch (IcsFormatException e)
        {
            calendar = null;
            error = e.Error;
            return false;
        }
    }

    private static (List<ContentLine> Body, int EndLine) ReadComponent(ContentLineReader lines, string component, int beginLine)
    {
        var body = new List<ContentLine>();
        var depth = 0;
        while (true)
        {
            var line = lines.Read() ?? throw IcsFormatException.At(beginLine, $"'END:{component}' for the BEGIN on this line", "end of file");
            if (line.Is("BEGIN"))
            {
                depth++;
            }
            else if (line.Is("END"))
            {
                if (depth == 0)
                {
                    if (!string.Equals(line.Value, component, StringComparison.OrdinalIgnoreCase))
                    {
                        throw IcsFormatException.At(line.LineNumber, $"'END:{component}'", IcsFormatException.Quote("END:" + line.Value));
                    }

                    return (body, line.LineNumber);
                }

                depth--;
            }

            body.Add(line);
        }
    }

    private static CalendarTimeZone ReadTimeZone(List<ContentLine> body, int beginLine)
    {
        string? id = null;
        var observances = new List<TimeZoneObservance>();
        for (var i = 0; i < body.Count; i++)
        {
            var line = body[i];
            if (line.Is("TZID") && id is null)
            {
                id = line.Value;
            }
            else if (line.Is("BEGIN") && (string.Equals(line.Value, "STANDARD", StringComparison.OrdinalIgnoreCase) || string.Equals(line.Value, "DAYLIGHT", StringComparison.OrdinalIgnoreCase)))
            {
                var daylight = string.Equals(line.Value, "DAYLIGHT", StringComparison.OrdinalIgnoreCase);
                var start = line.LineNumber;
                DateTime? dtStart = null;
                TimeSpan? from = null;
                TimeSpan? to = null;
                RecurrenceRule? rule = null;
                var dates = new List<DateTime>();
                string? name = null;
                for (i++; i < body.Count && !body[i].Is("END"); i++)
                {
                    var property = body[i];
                    switch (property.Name)
                    {
                        case "DTSTART": dtStart = CalendarTime.Parse(property.Value, property.Parameter("VALUE"), null, property.LineNumber).Value; break;
                        case "TZOFFSETFROM": from = UtcOffsetValue.Parse(property.Value, property.LineNumber); break;
                        case "TZOFFSETTO": to = UtcOffsetValue.Parse(property.Value, property.LineNumber); break;
                        case "RRULE": rule = RecurrenceRule.Parse(property.Value, property.LineNumber); break;
                        case "RDATE": dates.AddRange(property.Value.Split(',').Select(v => CalendarTime.Parse(v, property.Parameter("VALUE"), null, property.LineNumber).Value)); break;
                        case "TZNAME": name = TextValue.Unescape(property.Value); break;
                        default: break;
                    }
                }

                if (dtStart is null || from is null || to is null)
                {
                    throw IcsFormatException.At(start, $"DTSTART, TZOFFSETFROM and TZOFFSETTO in this {(daylight ? "DAYLIGHT" : "STANDARD")}", "one of them missing");
                }

                observances.Add(new TimeZoneObservance(daylight, dtStart.Value, from.Value, to.Value, rule, dates.Count > 0 ? dates : null, name));
            }
        }

        if (id is null)
        {
            throw IcsFormatException.At(beginLine, "a TZID in the VTIMEZONE", "none");
        }

        if (observances.Count == 0)
        {
            throw IcsFormatException.At(beginLine, "a STANDARD or DAYLIGHT in the VTIMEZONE", "none");
        }

        return new CalendarTimeZone(id, observances);
    }

    private static CalendarEvent ReadEvent(List<ContentLine> body, int endLine, Dictionary<string, Func<DateTime, TimeSpan>> resolvers)
    {
        string? uid = null;
        DateTimeOffset? stamp = null;
        CalendarTime? start = null;
        CalendarTime? end = null;
        TimeSpan? duration = null;
        string? summary = null;
        string? description = null;
        string? location = null;
        var categories = new List<string>();
        RecurrenceRule? rule = null;
        var exceptions = new List<CalendarTime>();
        var sequence = 0;
        DateTimeOffset? lastModified = null;
        EventStatus? status = null;
        var depth = 0;
        foreach (var line in body)
        {
            // Nested components (VALARM) are skipped whole.
            if (line.Is("BEGIN"))
            {
                depth++;
                continue;
            }

            if (line.Is("END"))
            {
                depth--;
                continue;
            }

            if (depth > 0)
            {
                continue;
            }

            switch (line.Name)
            {
                case "UID": uid = TextValue.Unescape(line.Value); break;
                case "DTSTAMP": stamp = Instant(line); break;
                case "DTSTART": start = Time(line, line.Value, resolvers); break;
                case "DTEND": end = Time(line, line.Value, resolvers); break;
                case "DURATION": duration = DurationValue.Parse(line.Value, line.LineNumber); break;
                case "SUMMARY": summary = TextValue.Unescape(line.Value); break;
                case "DESCRIPTION": description = TextValue.Unescape(line.Value); break;
                case "LOCATION": location = TextValue.Unescape(line.Value); break;
                case "CATEGORIES": categories.AddRange(TextValue.UnescapeList(line.Value)); break;
                case "RRULE": rule = RecurrenceRule.Parse(line.Value, line.LineNumber, start?.TimeZoneId); break;
                case "EXDATE": exceptions.AddRange(line.Value.Split(',').Select(v => Time(line, v, resolvers))); break;
                case "SEQUENCE":
                    sequence = int.TryParse(line.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        ? number
                        : throw IcsFormatException.At(line.LineNumber, "a non-negative integer for SEQUENCE", IcsFormatException.Quote(line.Value));
                    break;
                case "LAST-MODIFIED": lastModified = Instant(line); break;
                case "STATUS":
                    status = line.Value.ToUpperInvariant() switch
                    {
                        "TENTATIVE" => EventStatus.Tentative,
                        "CONFIRMED" => EventStatus.Confirmed,
                        "CANCELLED" => EventStatus.Cancelled,
                        _ => throw IcsFormatException.At(line.LineNumber, "STATUS TENTATIVE, CONFIRMED or CANCELLED", IcsFormatException.Quote(line.Value)),
                    };
                    break;
                default: break;
            }
        }

        if (uid is null)
        {
            throw IcsFormatException.At(endLine, "a UID in the VEVENT ending here (RFC 5545 §3.6.1)", "none");
        }

        if (start is null)
        {
            throw IcsFormatException.At(endLine, $"a DTSTART in VEVENT '{uid}'", "none");
        }

        // §3.6.1: no DTEND and no DURATION means one day for a date, the start itself otherwise.
        end ??= duration is { } d
            ? (start.IsDate ? CalendarTime.FromDate(start.Date.AddDays((int)d.TotalDays)) : Shift(start, d))
            : (start.IsDate ? CalendarTime.FromDate(start.Date.AddDays(1)) : start);
        if (start.IsDate != end.IsDate || (start.IsDate && end.Date <= start.Date))
        {
            throw IcsFormatException.At(endLine, $"in VEVENT '{uid}' a DTEND of the same type as DTSTART and after it", end.ToString());
        }

        return new CalendarEvent(uid, stamp ?? lastModified ?? DateTimeOffset.UnixEpoch, start, end, summary ?? string.Empty, description, location, categories, rule, exceptions, sequence, lastModified, status);
    }

    private static CalendarTime Shift(CalendarTime time, TimeSpan by) => time.Kind switch
    {
        CalendarTimeKind.Zoned => CalendarTime.Zoned(time.Value + by, time.TimeZoneId!),
        CalendarTimeKind.Utc => CalendarTime.Utc(new DateTimeOffset(time.Value + by, TimeSpan.Zero)),
        _ => CalendarTime.Floating(time.Value + by),
    };

    private static DateTimeOffset Instant(ContentLine line)
    {
        var time = CalendarTime.Parse(line.Value, null, null, line.LineNumber);
        if (time.Kind != CalendarTimeKind.Utc)
        {
            throw IcsFormatException.At(line.LineNumber, $"a UTC DATE-TIME (ending in Z) for {line.Name}", IcsFormatException.Quote(line.Value));
        }

        return new DateTimeOffset(time.Value, TimeSpan.Zero);
    }

    private static CalendarTime Time(ContentLine line, string value, Dictionary<string, Func<DateTime, TimeSpan>> resolvers)
    {
        var zone = line.Parameter("TZID");
        if (zone is not null && !value.EndsWith('Z') && !resolvers.ContainsKey(zone))
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var system))
            {
                throw IcsFormatException.At(line.LineNumber, $"a VTIMEZONE or a known time zone for TZID '{zone}'", "neither");
            }

            resolvers[zone] = local => system.GetUtcOffset(local);
        }

        return CalendarTime.Parse(value, line.Parameter("VALUE"), zone, line.LineNumber);
    }
}
