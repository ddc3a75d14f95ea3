namespace Saison.Domain.Calendar;

/// <summary>Weeks as France counts them: Monday to Sunday.</summary>
public static class Weeks
{
    /// <summary>The Monday of the week of <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
