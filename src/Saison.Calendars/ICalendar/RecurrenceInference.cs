namespace Saison.Calendars.ICalendar;

/// <summary>
/// Finds the RRULE (daily or weekly, with COUNT) and EXDATEs that give exactly a list of occurrence
/// starts, so that a recurring event is published as one VEVENT with its exceptions rather than
/// as copies. Irregular lists (different times, gaps not on a daily or weekly grid) have none.
/// </summary>
public static class RecurrenceInference
{
    /// <summary>The rule and exception dates for <paramref name="starts"/> (wall-clock, sorted, distinct), or null.</summary>
    public static (RecurrenceRule Rule, IReadOnlyList<DateTime> Exceptions)? Infer(IReadOnlyList<DateTime> starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        if (starts.Count < 2 || starts.Select(s => s.TimeOfDay).Distinct().Count() != 1)
        {
            return null;
        }

        var days = starts.Select(s => DateOnly.FromDateTime(s).DayNumber).ToList();
        for (var i = 1; i < days.Count; i++)
        {
            if (days[i] <= days[i - 1])
            {
                return null;
            }
        }

        var step = days.Zip(days.Skip(1), (a, b) => b - a).All(gap => gap % 7 == 0) ? 7 : 1;
        var frequency = step == 7 ? RecurrenceFrequency.Weekly : RecurrenceFrequency.Daily;
        var count = ((days[^1] - days[0]) / step) + 1;
        var present = days.ToHashSet();
        var exceptions = new List<DateTime>();
        for (var day = days[0]; day <= days[^1]; day += step)
        {
            if (!present.Contains(day))
            {
                exceptions.Add(DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.FromTimeSpan(starts[0].TimeOfDay)));
            }
        }

        // More holes than occurrences reads worse than copies: no rule then.
        if (exceptions.Count >= starts.Count)
        {
            return null;
        }

        return (new RecurrenceRule(frequency, count: count), exceptions);
    }
}
