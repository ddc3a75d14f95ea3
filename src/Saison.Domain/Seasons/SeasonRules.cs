using Saison.Domain.Calendar;
using Saison.Domain.Decisions;

namespace Saison.Domain.Seasons;

/// <summary>The rules on a season's bounds, tonality and lifecycle.</summary>
public static class SeasonRules
{
    /// <summary>Peaks lie inside the bounds and do not overlap.</summary>
    public static Decision CheckPeaks(DateRange bounds, IReadOnlyList<DateRange> peaks)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(peaks);
        var reasons = new List<Reason>();
        foreach (var peak in peaks)
        {
            if (!bounds.Contains(peak.First) || !bounds.Contains(peak.Last))
            {
                reasons.Add(new("peak-outside-bounds", $"La haute saison du {peak.First:dd/MM/yyyy} au {peak.Last:dd/MM/yyyy} sort des bornes de la saison ({bounds.First:dd/MM/yyyy} – {bounds.Last:dd/MM/yyyy})."));
            }
        }

        var ordered = peaks.OrderBy(p => p.First).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Overlaps(ordered[i - 1]))
            {
                reasons.Add(new("peaks-overlap", $"Les périodes de haute saison commençant le {ordered[i - 1].First:dd/MM/yyyy} et le {ordered[i].First:dd/MM/yyyy} se chevauchent."));
            }
        }

        return reasons.Count == 0 ? Decision.Accepted() : Decision.Refused(reasons);
    }

    /// <summary>
    /// The whole weeks from a season's first day to the same weekday nearest its date in <paramref name="toYear"/>:
    /// a season started from another keeps its weekdays (a Saturday opening stays a Saturday).
    /// </summary>
    public static int WeekdayShiftDays(DateOnly first, int toYear)
    {
        var day = Math.Min(first.Day, DateTime.DaysInMonth(toYear, first.Month));
        var sameDate = new DateOnly(toYear, first.Month, day);
        return (int)Math.Round((sameDate.DayNumber - first.DayNumber) / 7.0, MidpointRounding.AwayFromZero) * 7;
    }

    /// <summary>
    /// How far a dated thing (an event, a blackout) moves when its season is carried <paramref name="years"/> ahead:
    /// by <paramref name="weekdayShift"/> (same weekdays), unless one of its days is a fixed-date public holiday
    /// (14 July, 15 August…), which it keeps: a national-day fireworks stays on the national day.
    /// </summary>
    public static int CarryShiftDays(DateOnly first, DateOnly last, int years, int weekdayShift, Func<DateOnly, PublicHoliday?> holidayOn)
    {
        ArgumentNullException.ThrowIfNull(holidayOn);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (holidayOn(day) is not { } holiday || (day.Month == 2 && day.Day == 29))
            {
                continue;
            }

            var same = new DateOnly(day.Year + years, day.Month, day.Day);
            if (holidayOn(same)?.Name == holiday.Name)
            {
                return same.DayNumber - day.DayNumber;
            }
        }

        return weekdayShift;
    }

    /// <summary>
    /// An event's move: a weekly event keeps its weekdays (whatever holidays its weeks cross); a one-off event on a
    /// fixed-date holiday keeps the holiday.
    /// </summary>
    public static int CarryShiftDays(Events.SeasonEvent e, int years, int weekdayShift, Func<DateOnly, PublicHoliday?> holidayOn)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Recurrence is null ? CarryShiftDays(e.Schedule.FirstDay, e.Schedule.LastDay, years, weekdayShift, holidayOn) : weekdayShift;
    }

    /// <summary>A season can start from an earlier one only, within the app's years.</summary>
    public static Decision CheckCarryOver(Season from, int toYear)
    {
        ArgumentNullException.ThrowIfNull(from);
        return toYear <= from.Year
            ? Decision.Refused([new Reason("not-later", $"La nouvelle saison ({toYear}) doit suivre la saison {from.Year}.")])
            : toYear > 2999
                ? Decision.Refused([new Reason("year-range", "L'année de la saison va de 2000 à 2999.")])
                : Decision.Accepted();
    }

    /// <summary>Theme ids are unique, shares total at most 100 %, priorities are unique and not blank.</summary>
    public static Decision CheckTonality(IReadOnlyList<ThemeTarget> themes, IReadOnlyList<string> priorities)
    {
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentNullException.ThrowIfNull(priorities);
        var reasons = new List<Reason>();
        foreach (var duplicate in themes.GroupBy(t => t.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            reasons.Add(new("duplicate-theme", $"Le thème « {duplicate.Key} » figure plusieurs fois."));
        }

        var total = themes.Sum(t => t.TargetShare);
        if (total > 100)
        {
            reasons.Add(new("shares-over-100", $"Les parts cibles des thèmes totalisent {total} %, au-delà de 100 %."));
        }

        if (priorities.Any(string.IsNullOrWhiteSpace))
        {
            reasons.Add(new("blank-priority", "Une priorité est vide."));
        }

        foreach (var duplicate in priorities.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            reasons.Add(new("duplicate-priority", $"La priorité « {duplicate.Key} » figure plusieurs fois."));
        }

        return reasons.Count == 0 ? Decision.Accepted() : Decision.Refused(reasons);
    }

    /// <summary>The lifecycle moves one step forward at a time, each step with its condition.</summary>
    public static Decision CheckTransition(Season season, SeasonStatus target, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(season);
        if (target <= season.Status)
        {
            return Decision.Refused(new Reason("backward-transition", $"La saison est déjà au statut « {Describe(season.Status)} » : impossible de revenir ou de rester à « {Describe(target)} »."));
        }

        if (target != season.Status + 1)
        {
            return Decision.Refused(new Reason("skipped-step", $"La saison passe de « {Describe(season.Status)} » à « {Describe(season.Status + 1)} » avant « {Describe(target)} »."));
        }

        return target switch
        {
            SeasonStatus.OrientationsSet when season.Tonality.Themes.Count == 0 =>
                Decision.Refused(new Reason("no-themes", "Les orientations ne peuvent être arrêtées sans au moins un thème.")),
            SeasonStatus.Running when today < season.Bounds.First.AddDays(-7) =>
                Decision.Refused(new Reason("too-early-to-run", $"La saison ne peut passer en cours qu'à partir du {season.Bounds.First.AddDays(-7):dd/MM/yyyy}, une semaine avant son premier jour.")),
            SeasonStatus.Closed when today <= season.Bounds.Last =>
                Decision.Refused(new Reason("not-over", $"La saison ne peut être close qu'après son dernier jour ({season.Bounds.Last:dd/MM/yyyy}).")),
            _ => Decision.Accepted(),
        };
    }

    /// <summary>Bounds may change until the agenda is validated, and must keep the programmed days inside.</summary>
    public static Decision CheckNewBounds(Season season, DateRange bounds, IReadOnlyList<DateRange> peaks, IEnumerable<DateOnly> programmedDays)
    {
        ArgumentNullException.ThrowIfNull(season);
        ArgumentNullException.ThrowIfNull(programmedDays);
        var reasons = new List<Reason>();
        if (season.Status >= SeasonStatus.AgendaValidated)
        {
            reasons.Add(new("bounds-frozen", $"Les bornes ne changent plus une fois l'agenda validé (statut « {Describe(season.Status)} »)."));
        }

        if (bounds.First.Year != season.Year && bounds.Last.Year != season.Year)
        {
            reasons.Add(new("bounds-other-year", $"Les bornes doivent concerner l'année {season.Year}."));
        }

        if (CheckPeaks(bounds, peaks) is { IsRefused: true } peaksRefused)
        {
            reasons.AddRange(peaksRefused.Reasons);
        }

        var outside = programmedDays.Where(d => !bounds.Contains(d)).Order().ToList();
        if (outside.Count > 0)
        {
            reasons.Add(new("events-outside-bounds", $"Des événements programmés sortiraient des bornes (premier concerné : {outside[0]:dd/MM/yyyy})."));
        }

        return reasons.Count == 0 ? Decision.Accepted() : Decision.Refused(reasons);
    }

    /// <summary>Events may be proposed or changed until the season is closed.</summary>
    public static Decision CheckOpenForChanges(Season season)
    {
        ArgumentNullException.ThrowIfNull(season);
        return season.Status == SeasonStatus.Closed
            ? Decision.Refused(new Reason("season-closed", $"La saison {season.Year} est close : son programme ne change plus."))
            : Decision.Accepted();
    }

    /// <summary>French name of a status.</summary>
    public static string Describe(SeasonStatus status) => status switch
    {
        SeasonStatus.Draft => "brouillon",
        SeasonStatus.OrientationsSet => "orientations arrêtées",
        SeasonStatus.AgendaValidated => "agenda validé",
        SeasonStatus.Running => "en cours",
        SeasonStatus.Closed => "close",
        _ => status.ToString(),
    };
}
