using System.Globalization;
using Humanizer;
using Saison.Domain.Calendar;

namespace Saison.Application.Planning;

/// <summary>
/// Due dates as people say them in French: « aujourd'hui », « demain », « dans 3 semaines »,
/// « en retard de 2 jours », and the countdown « J-90 » in working days. Humanizer's French
/// resources give the durations; the sentences around them are ours.
/// </summary>
public static class FrenchDueText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>How far <paramref name="due"/> is from <paramref name="today"/>, in calendar terms.</summary>
    public static string Describe(DateOnly due, DateOnly today, DateOnly? doneOn = null)
    {
        if (doneOn is { } done)
        {
            return $"fait le {done.ToString("d MMMM yyyy", French)}";
        }

        var days = due.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "aujourd'hui",
            1 => "demain",
            > 0 => "dans " + Duration(days),
            _ => "en retard " + Elide(Duration(-days)),
        };
    }

    /// <summary>« J-90 » (working days before the anchor), « J » on it, « J+10 » after.</summary>
    public static string Countdown(DateOnly due, DateOnly anchor, WorkingDays workingDays)
    {
        ArgumentNullException.ThrowIfNull(workingDays);
        var days = workingDays.Between(due, anchor);
        return days switch
        {
            0 => "J",
            > 0 => "J-" + days.ToString(CultureInfo.InvariantCulture),
            _ => "J+" + (-days).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// A duration in days, weeks (from 14 days) or months (from 60 days, 30 days each), in Humanizer's
    /// French: « un jour », « une semaine » in words, « 3 jours », « 2 semaines », « 3 mois » in figures.
    /// </summary>
    public static string Duration(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var (count, unit, span) = days switch
        {
            >= 60 => (days / 30, TimeUnit.Month, TimeSpan.FromDays(Math.Ceiling(days / 30 * DaysPerMonth))),
            >= 14 => (days / 7, TimeUnit.Week, TimeSpan.FromDays(days / 7 * 7)),
            _ => (days, TimeUnit.Day, TimeSpan.FromDays(days)),
        };
        return span.Humanize(1, French, maxUnit: unit, minUnit: TimeUnit.Day, toWords: count == 1);
    }

    /// <summary>Humanizer's month: a Gregorian year over twelve.</summary>
    private const double DaysPerMonth = 365.25 / 12;

    private static string Elide(string duration) =>
        duration.StartsWith("un", StringComparison.Ordinal) ? "d'" + duration : "de " + duration;
}
