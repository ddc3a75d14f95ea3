using System.Globalization;
using System.Text;
using Saison.Domain.Decisions;
using Saison.Domain.Calendar;

namespace Saison.Domain.Events;

/// <summary>
/// The subset of RFC 5545 recurrence rules (§3.3.10) the season needs: weekly, on some days, every
/// <see cref="Interval"/> weeks, bounded by a last day (UNTIL) or a number of occurrences (COUNT),
/// minus exception days (EXDATE, §3.8.5.1). The first occurrence is the event's own start.
/// </summary>
public sealed record WeeklyRecurrence
{
    /// <summary>A guard against runaway rules: a season has at most this many occurrences of one event.</summary>
    public const int MaxOccurrences = 400;

    public WeeklyRecurrence(IReadOnlyList<DayOfWeek> days, DateOnly? until, int? count, IReadOnlyList<DateOnly>? exceptions = null, int interval = 1)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (CheckShape(days, until, count, interval) is { IsRefused: true } refused)
        {
            throw new ArgumentException(refused.Reasons[0].Message, nameof(days));
        }

        Days = [.. days.Distinct().OrderBy(d => ((int)d + 6) % 7)];
        Until = until;
        Count = count;
        Exceptions = [.. (exceptions ?? []).Distinct().Order()];
        Interval = interval;
    }

    /// <summary>Days of the week (BYDAY), Monday first.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; }

    /// <summary>Last day an occurrence may start (UNTIL), inclusive.</summary>
    public DateOnly? Until { get; }

    /// <summary>Number of occurrences generated before exceptions are removed (COUNT).</summary>
    public int? Count { get; }

    /// <summary>Days whose occurrence is skipped (EXDATE).</summary>
    public IReadOnlyList<DateOnly> Exceptions { get; }

    /// <summary>Every how many weeks (INTERVAL).</summary>
    public int Interval { get; }

    /// <summary>Days given, a bound given (UNTIL or COUNT, not both), a sensible interval.</summary>
    public static Decision CheckShape(IReadOnlyList<DayOfWeek> days, DateOnly? until, int? count, int interval)
    {
        ArgumentNullException.ThrowIfNull(days);
        var reasons = new List<Reason>();
        if (days.Count == 0)
        {
            reasons.Add(new("recurrence-no-days", "Une récurrence hebdomadaire nomme au moins un jour de la semaine."));
        }

        if (until is null == count is null)
        {
            reasons.Add(new("recurrence-unbounded", "Une récurrence se termine soit à une date (jusqu'au), soit après un nombre d'occurrences, l'un ou l'autre."));
        }

        if (count is < 1 or > MaxOccurrences)
        {
            reasons.Add(new("recurrence-count", $"Le nombre d'occurrences va de 1 à {MaxOccurrences}."));
        }

        if (interval is < 1 or > 52)
        {
            reasons.Add(new("recurrence-interval", "L'intervalle entre semaines va de 1 à 52."));
        }

        return reasons.Count == 0 ? Decision.Accepted() : Decision.Refused(reasons);
    }

    /// <summary>
    /// Checks the rule against the first occurrence: it falls on one of the days, the last day is
    /// not before it, every exception is a day the rule would produce.
    /// </summary>
    public Decision CheckAgainst(EventSchedule first)
    {
        ArgumentNullException.ThrowIfNull(first);
        var reasons = new List<Reason>();
        if (!Days.Contains(first.Start.DayOfWeek))
        {
            reasons.Add(new("recurrence-start-day", $"Le premier jour ({first.FirstDay:dd/MM/yyyy}, un {DayName(first.Start.DayOfWeek)}) n'est pas l'un des jours de la récurrence."));
        }

        if (Until is { } until && until < first.FirstDay)
        {
            reasons.Add(new("recurrence-until-before-start", $"La récurrence finit ({until:dd/MM/yyyy}) avant son premier jour ({first.FirstDay:dd/MM/yyyy})."));
        }

        if (reasons.Count == 0)
        {
            var produced = Generate(first.FirstDay).ToHashSet();
            foreach (var exception in Exceptions.Where(e => !produced.Contains(e)))
            {
                reasons.Add(new("recurrence-exception-unknown", $"L'exception du {exception:dd/MM/yyyy} ne correspond à aucune occurrence."));
            }

            if (produced.Count - Exceptions.Count <= 0)
            {
                reasons.Add(new("recurrence-empty", "Les exceptions retirent toutes les occurrences."));
            }
        }

        return reasons.Count == 0 ? Decision.Accepted() : Decision.Refused(reasons);
    }

    /// <summary>The occurrences, exceptions removed, in order.</summary>
    public IReadOnlyList<EventSchedule> Expand(EventSchedule first)
    {
        ArgumentNullException.ThrowIfNull(first);
        var skipped = Exceptions.ToHashSet();
        return [.. Generate(first.FirstDay).Where(d => !skipped.Contains(d)).Select(first.StartingOn)];
    }

    /// <summary>The same rule with other exception days.</summary>
    public WeeklyRecurrence WithExceptions(IReadOnlyList<DateOnly> exceptions) => new(Days, Until, Count, exceptions, Interval);

    /// <summary>The rule as an RRULE value (§3.3.10), UNTIL as a date: <c>FREQ=WEEKLY;BYDAY=TH;UNTIL=20270826</c>.</summary>
    public string ToRRule()
    {
        var rule = new StringBuilder("FREQ=WEEKLY");
        if (Interval != 1)
        {
            rule.Append(CultureInfo.InvariantCulture, $";INTERVAL={Interval}");
        }

        rule.Append(";BYDAY=").Append(string.Join(',', Days.Select(d => d.ToString()[..2].ToUpperInvariant())));
        if (Until is { } until)
        {
            rule.Append(";UNTIL=").Append(until.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }

        if (Count is { } count)
        {
            rule.Append(CultureInfo.InvariantCulture, $";COUNT={count}");
        }

        return rule.ToString();
    }

    /// <summary>French day name (« jeudi »).</summary>
    public static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "lundi",
        DayOfWeek.Tuesday => "mardi",
        DayOfWeek.Wednesday => "mercredi",
        DayOfWeek.Thursday => "jeudi",
        DayOfWeek.Friday => "vendredi",
        DayOfWeek.Saturday => "samedi",
        _ => "dimanche",
    };

    private IEnumerable<DateOnly> Generate(DateOnly firstDay)
    {
        // Weeks are counted from the Monday of the first occurrence's week (RFC 5545's default WKST=MO).
        var weekStart = Weeks.MondayOf(firstDay);
        var produced = 0;
        for (var day = firstDay; produced < MaxOccurrences; day = day.AddDays(1))
        {
            if (Until is { } until && day > until)
            {
                yield break;
            }

            if (Count is { } count && produced >= count)
            {
                yield break;
            }

            var week = (day.DayNumber - weekStart.DayNumber) / 7;
            if (week % Interval == 0 && Days.Contains(day.DayOfWeek))
            {
                produced++;
                yield return day;
            }
        }
    }
}
