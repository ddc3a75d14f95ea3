using System.Globalization;
using System.Text;

namespace Saison.Calendars.ICalendar;

/// <summary>DURATION values (RFC 5545 §3.3.6): <c>[+-]P[nW]</c> or <c>[+-]P[nD][T[nH][nM][nS]]</c>.</summary>
public static class DurationValue
{
    public static string Format(TimeSpan duration)
    {
        var builder = new StringBuilder(16);
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration.Negate();
        }

        builder.Append('P');
        if (duration.Ticks % TimeSpan.TicksPerDay == 0 && duration.Days % 7 == 0 && duration.Days > 0)
        {
            return builder.Append((duration.Days / 7).ToString(CultureInfo.InvariantCulture)).Append('W').ToString();
        }

        if (duration.Days > 0)
        {
            builder.Append(duration.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (duration.Hours > 0 || duration.Minutes > 0 || duration.Seconds > 0 || duration == TimeSpan.Zero)
        {
            builder.Append('T');
            if (duration.Hours > 0)
            {
                builder.Append(duration.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (duration.Minutes > 0)
            {
                builder.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (duration.Seconds > 0 || duration == TimeSpan.Zero)
            {
                builder.Append(duration.Seconds.ToString(CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return builder.ToString();
    }

    public static TimeSpan Parse(string text, int line)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        if (i >= text.Length || text[i] != 'P')
        {
            throw Expected(text, line);
        }

        i++;
        var total = TimeSpan.Zero;
        var inTime = false;
        var any = false;
        while (i < text.Length)
        {
            if (text[i] == 'T' && !inTime)
            {
                inTime = true;
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i >= text.Length)
            {
                throw Expected(text, line);
            }

            var number = int.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            total += (text[i], inTime) switch
            {
                ('W', false) => TimeSpan.FromDays(7 * number),
                ('D', false) => TimeSpan.FromDays(number),
                ('H', true) => TimeSpan.FromHours(number),
                ('M', true) => TimeSpan.FromMinutes(number),
                ('S', true) => TimeSpan.FromSeconds(number),
                _ => throw Expected(text, line),
            };
            any = true;
            i++;
        }

        if (!any)
        {
            throw Expected(text, line);
        }

        return negative ? total.Negate() : total;
    }

    private static IcsFormatException Expected(string text, int line) =>
        IcsFormatException.At(line, "a DURATION such as P1D, PT12H or P1W", IcsFormatException.Quote(text));
}

/// <summary>UTC-OFFSET values (RFC 5545 §3.3.14): <c>+0100</c>, <c>-053000</c>.</summary>
public static class UtcOffsetValue
{
    public static string Format(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var absolute = offset.Duration();
        var text = sign + absolute.Hours.ToString("00", CultureInfo.InvariantCulture) + absolute.Minutes.ToString("00", CultureInfo.InvariantCulture);
        return absolute.Seconds == 0 ? text : text + absolute.Seconds.ToString("00", CultureInfo.InvariantCulture);
    }

    public static TimeSpan Parse(string text, int line)
    {
        ArgumentNullException.ThrowIfNull(text);
        if ((text.Length == 5 || text.Length == 7) && (text[0] == '+' || text[0] == '-')
            && int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes < 60)
        {
            var seconds = 0;
            if (text.Length == 7 && !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
            {
                throw IcsFormatException.At(line, "a UTC offset such as +0100 or -0500", IcsFormatException.Quote(text));
            }

            var offset = new TimeSpan(hours, minutes, seconds);
            return text[0] == '-' ? offset.Negate() : offset;
        }

        throw IcsFormatException.At(line, "a UTC offset such as +0100 or -0500", IcsFormatException.Quote(text));
    }
}
