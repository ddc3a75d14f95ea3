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
            -1 => "en retard d'un jour",
            > 0 => "dans " + Duration(days),
            _ => "en retard " + Elide(Duration(-days)),
        };
    }

    /// <summary>« J-90 » (working days before the anchor), « J » on it, « J+10 » after.</summary>
    public static string Countdown(DateOnly due, DateOnly anchor)
    {
        var days = WorkingDays.Between(due, anchor);
        return days switch
        {
            0 => "J",
            > 0 => "J-" + days.ToString(CultureInfo.InvariantCulture),
            _ => "J+" + (-days).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A duration in days, weeks (from 14 days) or months (from 60 days), with French words from Humanizer.</summary>
    public static string Duration(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days >= 60)
        {
            var months = days / 30;
            return months.ToString(CultureInfo.InvariantCulture) + " mois";
        }

        var span = TimeSpan.FromDays(days >= 14 ? days / 7 * 7 : days);
        var text = span.Humanize(1, French, maxUnit: days >= 14 ? TimeUnit.Week : TimeUnit.Day, minUnit: TimeUnit.Day);
        return text switch
        {
            "1 jour" => "un jour",
            "1 semaine" => "une semaine",
            _ => text,
        };
    }

    private static string Elide(string duration) =>
        duration.StartsWith("un", StringComparison.Ordinal) ? "d'" + duration : "de " + duration;
}
