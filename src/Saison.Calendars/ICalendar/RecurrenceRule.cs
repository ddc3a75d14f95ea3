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

    public static WeekdayNumber Parse(string text, int line)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length >= 2)
        {
            var day = Array.IndexOf(Codes, text[^2..].ToUpperInvariant());
            var ordinalText = text[..^2];
            if (day >= 0 && (ordinalText.Length == 0 || (int.TryParse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ordinal) && ordinal != 0 && Math.Abs(ordinal) <= 53)))
            {
                return new WeekdayNumber((DayOfWeek)day, ordinalText.Length == 0 ? 0 : int.Parse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }
        }

        throw IcsFormatException.At(line, "a BYDAY weekday such as MO, 2TU or -1SU", IcsFormatException.Quote(text));
    }

    internal static string Code(DayOfWeek day) => Codes[(int)day];
}

/// <summary>
/// An RRULE (RFC 5545 §3.3.10) with the common parts: FREQ, INTERVAL, COUNT or UNTIL, BYDAY,
/// BYMONTHDAY, BYMONTH, WKST. Other parts are refused on reading rather than silently ignored.
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

    /// <summary>Parses a RECUR value; <paramref name="timeZoneId"/> anchors a local UNTIL.</summary>
    public static RecurrenceRule Parse(string text, int line, string? timeZoneId = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        RecurrenceFrequency? frequency = null;
        var interval = 1;
        int? count = null;
        CalendarTime? until = null;
        List<WeekdayNumber>? byDay = null;
        List<int>? byMonthDay = null;
        List<int>? byMonth = null;
        DayOfWeek? weekStart = null;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw IcsFormatException.At(line, "an RRULE part NAME=VALUE", IcsFormatException.Quote(part));
            }

            var name = part[..equals].ToUpperInvariant();
            var value = part[(equals + 1)..];
            switch (name)
            {
                case "FREQ":
                    frequency = value.ToUpperInvariant() switch
                    {
                        "DAILY" => RecurrenceFrequency.Daily,
                        "WEEKLY" => RecurrenceFrequency.Weekly,
                        "MONTHLY" => RecurrenceFrequency.Monthly,
                        "YEARLY" => RecurrenceFrequency.Yearly,
                        _ => throw IcsFormatException.At(line, "FREQ DAILY, WEEKLY, MONTHLY or YEARLY", IcsFormatException.Quote(value)),
                    };
                    break;
                case "INTERVAL":
                    interval = PositiveInteger(value, line, "INTERVAL");
                    break;
                case "COUNT":
                    count = PositiveInteger(value, line, "COUNT");
                    break;
                case "UNTIL":
                    until = CalendarTime.Parse(value, null, value.EndsWith('Z') ? null : timeZoneId, line);
                    break;
                case "BYDAY":
                    byDay = [.. value.Split(',').Select(d => WeekdayNumber.Parse(d, line))];
                    break;
                case "BYMONTHDAY":
                    byMonthDay = [.. value.Split(',').Select(d => Ranged(d, line, "BYMONTHDAY", -31, 31))];
                    break;
                case "BYMONTH":
                    byMonth = [.. value.Split(',').Select(d => Ranged(d, line, "BYMONTH", 1, 12))];
                    break;
                case "WKST":
                    weekStart = WeekdayNumber.Parse(value, line) is { Ordinal: 0 } start ? start.Day : throw IcsFormatException.At(line, "a WKST weekday such as MO", IcsFormatException.Quote(value));
                    break;
                default:
                    throw IcsFormatException.At(line, "an RRULE part among FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, WKST", IcsFormatException.Quote(name));
            }
        }

        if (frequency is null)
        {
            throw IcsFormatException.At(line, "FREQ in the RRULE", IcsFormatException.Quote(text));
        }

        if (count is not null && until is not null)
        {
            throw IcsFormatException.At(line, "COUNT or UNTIL in the RRULE, not both", IcsFormatException.Quote(text));
        }

        return new RecurrenceRule(frequency.Value, interval, count, until, byDay, byMonthDay, byMonth, weekStart);
    }

    /// <summary>
    /// The occurrence starts (wall-clock, like <paramref name="start"/>) from <paramref name="start"/>
    /// up to <paramref name="limit"/> included, honouring COUNT and UNTIL. The start itself is the first.
    /// </summary>
    public IEnumerable<DateTime> Occurrences(DateTime start, DateTime limit)
    {
        var produced = 0;
        var untilValue = Until?.Value;
        foreach (var candidate in Candidates(start))
        {
            if (candidate < start)
            {
                continue;
            }

            if (candidate > limit || (untilValue is { } u && candidate > (Until!.IsDate ? u.AddDays(1).AddTicks(-1) : u)))
            {
                yield break;
            }

            yield return candidate;
            produced++;
            if (Count is { } count && produced >= count)
            {
                yield break;
            }
        }
    }

    private IEnumerable<DateTime> Candidates(DateTime start)
    {
        var time = start.TimeOfDay;

        // Far enough for any calendar we publish; guards against a rule that never matches.
        for (var period = 0; period < 5000; period++)
        {
            IEnumerable<DateOnly> days = Frequency switch
            {
                RecurrenceFrequency.Daily => [DateOnly.FromDateTime(start).AddDays(period * Interval)],
                RecurrenceFrequency.Weekly => WeekDays(DateOnly.FromDateTime(start).AddDays(7 * period * Interval), start.DayOfWeek),
                RecurrenceFrequency.Monthly => MonthDays(new DateOnly(start.Year, start.Month, 1).AddMonths(period * Interval), start),
                _ => YearDays(start.Year + (period * Interval), start),
            };
            foreach (var day in days.Where(Matches).Order())
            {
                yield return day.ToDateTime(TimeOnly.FromTimeSpan(time));
            }
        }
    }

    private bool Matches(DateOnly day) =>
        (ByMonth.Count == 0 || ByMonth.Contains(day.Month))
        && (Frequency != RecurrenceFrequency.Daily || ByDay.Count == 0 || ByDay.Any(d => d.Day == day.DayOfWeek));

    private IEnumerable<DateOnly> WeekDays(DateOnly anyDayOfWeek, DayOfWeek startDay)
    {
        var first = WeekStart ?? DayOfWeek.Monday;
        var weekStart = anyDayOfWeek.AddDays(-(((int)anyDayOfWeek.DayOfWeek - (int)first + 7) % 7));
        var days = ByDay.Count == 0 ? [startDay] : ByDay.Select(d => d.Day);
        return days.Select(d => weekStart.AddDays(((int)d - (int)first + 7) % 7));
    }

    private IEnumerable<DateOnly> MonthDays(DateOnly firstOfMonth, DateTime start)
    {
        var length = DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month);
        if (ByMonthDay.Count > 0)
        {
            return ByMonthDay.Select(d => d > 0 ? d : length + d + 1).Where(d => d >= 1 && d <= length).Select(d => firstOfMonth.AddDays(d - 1));
        }

        if (ByDay.Count > 0)
        {
            return ByDay.SelectMany(d => NthWeekdays(firstOfMonth, length, d));
        }

        return start.Day <= length ? [firstOfMonth.AddDays(start.Day - 1)] : [];
    }

    private IEnumerable<DateOnly> YearDays(int year, DateTime start)
    {
        if (year > 9998)
        {
            return [];
        }

        if (ByMonth.Count == 0 && ByDay.Count == 0 && ByMonthDay.Count == 0)
        {
            return start.Day <= DateTime.DaysInMonth(year, start.Month) ? [new DateOnly(year, start.Month, start.Day)] : [];
        }

        var months = ByMonth.Count > 0 ? ByMonth : [start.Month];
        return months.SelectMany(m => MonthDays(new DateOnly(year, m, 1), start));
    }

    private static IEnumerable<DateOnly> NthWeekdays(DateOnly firstOfMonth, int length, WeekdayNumber weekday)
    {
        var first = firstOfMonth.AddDays(((int)weekday.Day - (int)firstOfMonth.DayOfWeek + 7) % 7);
        var all = new List<DateOnly>();
        for (var d = first; d.Month == firstOfMonth.Month && d.Day <= length; d = d.AddDays(7))
        {
            all.Add(d);
        }

        if (weekday.Ordinal == 0)
        {
            return all;
        }

        var index = weekday.Ordinal > 0 ? weekday.Ordinal - 1 : all.Count + weekday.Ordinal;
        return index >= 0 && index < all.Count ? [all[index]] : [];
    }

    private static int PositiveInteger(string value, int line, string part) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw IcsFormatException.At(line, $"a positive integer for {part}", IcsFormatException.Quote(value));

    private static int Ranged(string value, int line, string part, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max && number != 0
            ? number
            : throw IcsFormatException.At(line, $"{part} between {min} and {max}", IcsFormatException.Quote(value));
}
