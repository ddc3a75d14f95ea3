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
}
