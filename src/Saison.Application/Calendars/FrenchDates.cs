namespace Saison.Application.Calendars;

/// <summary>Dates written in French for people (the French locale pack is not served: our own names).</summary>
public static class FrenchDates
{
    private static readonly string[] Days = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
    private static readonly string[] Months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <summary>"jeudi 8 juillet 2027", "mardi 1er juin 2027".</summary>
    public static string Long(DateOnly date) =>
        $"{Days[(int)date.DayOfWeek]} {(date.Day == 1 ? "1er" : date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture))} {Months[date.Month - 1]} {date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
