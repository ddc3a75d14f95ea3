using System.Globalization;
using Saison.Domain.Decisions;
using Saison.Domain.Calendar;

namespace Saison.Domain.Crews;

/// <summary>
/// The public service's working-time guarantees (décret n° 2000-815): at most 10 h of work a day
/// and 48 h in a week, 11 h of daily rest, 35 h of weekly rest. Days and weeks (Monday to Sunday)
/// are local to the times' offsets.
/// </summary>
public sealed record WorkingTimeRules(TimeSpan MaxDaily, TimeSpan MaxWeekly, TimeSpan DailyRest, TimeSpan WeeklyRest)
{
    public static WorkingTimeRules PublicService { get; } = new(TimeSpan.FromHours(10), TimeSpan.FromHours(48), TimeSpan.FromHours(11), TimeSpan.FromHours(35));

    /// <summary>
    /// A duty is a run of work separated by less than the daily rest; it must fit in 24 h minus the
    /// daily rest, so every duty is followed and preceded by a full daily rest.
    /// </summary>
    public TimeSpan MaxDutySpan => TimeSpan.FromHours(24) - DailyRest;

    /// <summary>Every breach of the guarantees in one agent's work (any order), with the day or week concerned.</summary>
    public IReadOnlyList<Reason> Violations(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var intervals = work.OrderBy(w => w.Start).ToList();
        var reasons = new List<Reason>();
        for (var i = 1; i < intervals.Count; i++)
        {
            if (intervals[i].Start < intervals[i - 1].End)
            {
                reasons.Add(new Reason("overlap", string.Format(CultureInfo.InvariantCulture, "Deux tâches se chevauchent le {0:yyyy-MM-dd}.", intervals[i].Start)));
            }
        }

        var byDay = new Dictionary<DateOnly, TimeSpan>();
        var byWeek = new Dictionary<DateOnly, TimeSpan>();
        foreach (var (start, end) in intervals)
        {
            foreach (var (day, part) in SplitByDay(start, end))
            {
                byDay[day] = byDay.GetValueOrDefault(day) + part;
                var monday = Weeks.MondayOf(day);
                byWeek[monday] = byWeek.GetValueOrDefault(monday) + part;
            }
        }

        reasons.AddRange(byDay.Where(d => d.Value > MaxDaily).Select(d => new Reason("daily-max", string.Format(CultureInfo.InvariantCulture, "{0:0.##} h de travail le {1:yyyy-MM-dd} (maximum {2:0.##} h).", d.Value.TotalHours, d.Key, MaxDaily.TotalHours))));
        reasons.AddRange(byWeek.Where(w => w.Value > MaxWeekly).Select(w => new Reason("weekly-max", string.Format(CultureInfo.InvariantCulture, "{0:0.##} h de travail la semaine du {1:yyyy-MM-dd} (maximum {2:0.##} h).", w.Value.TotalHours, w.Key, MaxWeekly.TotalHours))));

        var dutyStart = 0;
        for (var i = 1; i <= intervals.Count; i++)
        {
            if (i == intervals.Count || intervals[i].Start - intervals[i - 1].End >= DailyRest)
            {
                if (intervals.Count > 0 && intervals[i - 1].End - intervals[dutyStart].Start > MaxDutySpan)
                {
                    reasons.Add(new Reason("daily-rest", string.Format(CultureInfo.InvariantCulture, "Moins de {0:0.##} h de repos quotidien autour du {1:yyyy-MM-dd}.", DailyRest.TotalHours, intervals[dutyStart].Start)));
                }

                dutyStart = i;
            }
        }

        foreach (var monday in byWeek.Keys)
        {
            if (LongestRestInWeek(intervals, monday, intervals.FirstOrDefault().Start.Offset) < WeeklyRest)
            {
                reasons.Add(new Reason("weekly-rest", string.Format(CultureInfo.InvariantCulture, "Pas de repos hebdomadaire de {0:0.##} h la semaine du {1:yyyy-MM-dd}.", WeeklyRest.TotalHours, monday)));
            }
        }

        return reasons;
    }

    /// <summary>The parts of [start, end) in each local day.</summary>
    public static IEnumerable<(DateOnly Day, TimeSpan Part)> SplitByDay(DateTimeOffset start, DateTimeOffset end)
    {
        var cursor = start;
        while (cursor < end)
        {
            var day = DateOnly.FromDateTime(cursor.DateTime);
            var midnight = new DateTimeOffset(cursor.Date.AddDays(1), cursor.Offset);
            var until = midnight < end ? midnight : end;
            yield return (day, until - cursor);
            cursor = until;
        }
    }

    /// <summary>The longest stretch without work inside the local week starting <paramref name="monday"/> (clipped to the week).</summary>
    public static TimeSpan LongestRestInWeek(IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> sortedWork, DateOnly monday, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(sortedWork);
        var weekStart = new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), offset);
        var weekEnd = weekStart.AddDays(7);
        var cursor = weekStart;
        var longest = TimeSpan.Zero;
        foreach (var (start, end) in sortedWork)
        {
            if (end <= weekStart || start >= weekEnd)
            {
                continue;
            }

            if (start > cursor)
            {
                longest = Max(longest, start - cursor);
            }

            cursor = end > cursor ? end : cursor;
        }

        return weekEnd > cursor ? Max(longest, weekEnd - cursor) : longest;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
