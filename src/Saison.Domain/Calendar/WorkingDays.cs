namespace Saison.Domain.Calendar;

/// <summary>
/// Working days: Monday to Friday, the destination's public holidays excluded. Reverse-plan offsets, lead
/// times and leave lengths all count in these.
/// </summary>
public sealed class WorkingDays
{
    public WorkingDays(PublicHolidayCalendar holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        Holidays = holidays;
    }

    /// <summary>The public holidays that are not working days.</summary>
    public PublicHolidayCalendar Holidays { get; }

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.IsPublicHoliday(date);

    /// <summary>
    /// The date <paramref name="days"/> working days after (positive) or before (negative) <paramref name="date"/>.
    /// Zero gives <paramref name="date"/> itself when it is a working day, else the previous working day
    /// (a due date that falls on a day off moves earlier).
    /// </summary>
    public DateOnly Add(DateOnly date, int days)
    {
        if (days == 0)
        {
            return PreviousOrSame(date);
        }

        var step = days > 0 ? 1 : -1;
        var remaining = Math.Abs(days);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary><paramref name="date"/> if it is a working day, else the last working day before it.</summary>
    public DateOnly PreviousOrSame(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    /// <summary><paramref name="date"/> if it is a working day, else the first working day after it.</summary>
    public DateOnly NextOrSame(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>Working days in [<paramref name="from"/>, <paramref name="to"/>) ; negative when <paramref name="to"/> is earlier.</summary>
    public int Between(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -Between(to, from);
        }

        var count = 0;
        for (var d = from; d < to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }
}
