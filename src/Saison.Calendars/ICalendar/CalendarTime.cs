using System.Globalization;

namespace Saison.Calendars.ICalendar;

/// <summary>How a <see cref="CalendarTime"/> is anchored (RFC 5545 §3.3.4, §3.3.5).</summary>
public enum CalendarTimeKind
{
    /// <summary>A whole day (<c>VALUE=DATE</c>), no time.</summary>
    Date,

    /// <summary>A wall-clock time in a named zone (<c>TZID=…</c>).</summary>
    Zoned,

    /// <summary>An instant in UTC (trailing <c>Z</c>).</summary>
    Utc,

    /// <summary>A wall-clock time with no zone: the same local time wherever read.</summary>
    Floating,
}

/// <summary>
/// A DATE or DATE-TIME value as iCalendar writes it: a whole day, a local time with its TZID, a
/// UTC instant, or a floating time. <see cref="Value"/> holds the written fields (midnight for dates).
/// </summary>
public sealed record CalendarTime
{
    private CalendarTime(CalendarTimeKind kind, DateTime value, string? timeZoneId)
    {
        Kind = kind;
        Value = DateTime.SpecifyKind(value, kind == CalendarTimeKind.Utc ? DateTimeKind.Utc : DateTimeKind.Unspecified);
        TimeZoneId = timeZoneId;
    }

    public CalendarTimeKind Kind { get; }

    public DateTime Value { get; }

    /// <summary>The TZID of a <see cref="CalendarTimeKind.Zoned"/> time, else <c>null</c>.</summary>
    public string? TimeZoneId { get; }

    public bool IsDate => Kind == CalendarTimeKind.Date;

    public DateOnly Date => DateOnly.FromDateTime(Value);

    public static CalendarTime FromDate(DateOnly date) => new(CalendarTimeKind.Date, date.ToDateTime(TimeOnly.MinValue), null);

    public static CalendarTime Zoned(DateTime local, string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        return new(CalendarTimeKind.Zoned, TruncateToSeconds(local), timeZoneId);
    }

    public static CalendarTime Utc(DateTimeOffset instant) => new(CalendarTimeKind.Utc, TruncateToSeconds(instant.UtcDateTime), null);

    public static CalendarTime Floating(DateTime local) => new(CalendarTimeKind.Floating, TruncateToSeconds(local), null);

    /// <summary>The value as written after the property's parameters: <c>20270714</c>, <c>20270714T213000</c> or <c>20270714T193000Z</c>.</summary>
    public string Format() => Kind switch
    {
        CalendarTimeKind.Date => Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        CalendarTimeKind.Utc => Value.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
        _ => Value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
    };

    public override string ToString() => Kind == CalendarTimeKind.Zoned ? $"TZID={TimeZoneId}:{Format()}" : Format();

    private static DateTime TruncateToSeconds(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Kind);
}
