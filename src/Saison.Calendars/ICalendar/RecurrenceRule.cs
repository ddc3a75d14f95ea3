using System.Globalization;
using System.Text;

namespace Saison.Calendars.ICalendar;

/// <summary>The frequencies of RECUR values this library reads and writes (RFC 5545 §3.3.10).</summary>
public enum RecurrenceFrequency
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// <summary>A BYDAY entry: a weekday, optionally the n-th (1..53) or n-th from the end (-1..-53) in the month or year.</summary>
public readonly record struct WeekdayNumber(DayOfWeek Day, int Ordinal = 0)
{
    private static readonly string[] Codes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    public string Format() => (Ordinal == 0 ? string.Empty : Ordinal.ToString(CultureInfo.InvariantCulture)) + Codes[(int)Day];

    internal static string Code(DayOfWeek day) => Codes[(int)day];
}

/// <summary>
/// An RRULE (RFC 5545 §3.3.10) with the common parts: FREQ, INTERVAL, COUNT or UNTIL, BYDAY,
/// BYMONTHDAY, BYMONTH, WKST, as Saison writes them (Ical.Net reads and expands rules).
/// </summary>
public sealed record RecurrenceRule
{
    public RecurrenceRule(
        RecurrenceFrequency frequency,
        int interval = 1,
        int? count = null,
        CalendarTime? until = null,
        IReadOnlyList<WeekdayNumber>? byDay = null,
        IReadOnlyList<int>? byMonthDay = null,
        IReadOnlyList<int>? byMonth = null,
        DayOfWeek? weekStart = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        if (count is not null && until is not null)
        {
            throw new ArgumentException("COUNT and UNTIL cannot both be given (RFC 5545 §3.3.10).", nameof(until));
        }

        if (count is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "COUNT must be at least 1.");
        }

        Frequency = frequency;
        Interval = interval;
        Count = count;
        Until = until;
        ByDay = byDay ?? [];
        ByMonthDay = byMonthDay ?? [];
        ByMonth = byMonth ?? [];
        WeekStart = weekStart;
    }

    public RecurrenceFrequency Frequency { get; }

    public int Interval { get; }

    public int? Count { get; }

    public CalendarTime? Until { get; }

    public IReadOnlyList<WeekdayNumber> ByDay { get; }

    public IReadOnlyList<int> ByMonthDay { get; }

    public IReadOnlyList<int> ByMonth { get; }

    public DayOfWeek? WeekStart { get; }

    public bool Equals(RecurrenceRule? other) =>
        other is not null && Frequency == other.Frequency && Interval == other.Interval && Count == other.Count && Equals(Until, other.Until)
        && ByDay.SequenceEqual(other.ByDay) && ByMonthDay.SequenceEqual(other.ByMonthDay) && ByMonth.SequenceEqual(other.ByMonth) && WeekStart == other.WeekStart;

    public override int GetHashCode() => HashCode.Combine(Frequency, Interval, Count, Until, ByDay.Count, ByMonthDay.Count, ByMonth.Count);

    /// <summary>The RECUR text, parts in a stable order.</summary>
    public string Format()
    {
        var builder = new StringBuilder("FREQ=").Append(Frequency.ToString().ToUpperInvariant());
        if (Until is not null)
        {
            builder.Append(";UNTIL=").Append(Until.Format());
        }

        if (Count is { } count)
        {
            builder.Append(";COUNT=").Append(count.ToString(CultureInfo.InvariantCulture));
        }

        if (Interval != 1)
        {
            builder.Append(";INTERVAL=").Append(Interval.ToString(CultureInfo.InvariantCulture));
        }

        if (ByMonth.Count > 0)
        {
            builder.Append(";BYMONTH=").Append(string.Join(",", ByMonth.Select(m => m.ToString(CultureInfo.InvariantCulture))));
        }

        if (ByMonthDay.Count > 0)
        {
            builder.Append(";BYMONTHDAY=").Append(string.Join(",", ByMonthDay.Select(d => d.ToString(CultureInfo.InvariantCulture))));
        }

        if (ByDay.Count > 0)
        {
            builder.Append(";BYDAY=").Append(string.Join(",", ByDay.Select(d => d.Format())));
        }

        if (WeekStart is { } weekStart)
        {
            builder.Append(";WKST=").Append(WeekdayNumber.Code(weekStart));
        }

        return builder.ToString();
    }
}
