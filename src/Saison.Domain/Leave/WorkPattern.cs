using Saison.Domain.Calendar;

namespace Saison.Domain.Leave;

/// <summary>The days an agent works: the first <see cref="DaysPerWeek"/> days from Monday, public holidays excepted.</summary>
public sealed record WorkPattern
{
    public WorkPattern(int daysPerWeek, PublicHolidayCalendar holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        if (daysPerWeek is < 1 or > 6)
        {
            throw new ArgumentOutOfRangeException(nameof(daysPerWeek), daysPerWeek, "An agent works 1 to 6 days a week.");
        }

        DaysPerWeek = daysPerWeek;
        Holidays = holidays;
    }

    public int DaysPerWeek { get; }

    /// <summary>The destination's public holidays, days off for everyone.</summary>
    public PublicHolidayCalendar Holidays { get; }

    public bool IsWorkingDay(DateOnly date)
    {
        // Monday = 1 … Saturday = 6, Sunday = 7.
        var index = date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;
        return index <= DaysPerWeek && !Holidays.IsPublicHoliday(date);
    }

    /// <summary>Leave days a period costs: its working days, half days counting 0.5.</summary>
    public decimal DaysOf(LeavePeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.EachDay().Where(IsWorkingDay).Sum(period.FractionOn);
    }
}
