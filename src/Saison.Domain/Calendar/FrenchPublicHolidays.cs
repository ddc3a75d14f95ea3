namespace Saison.Domain.Calendar;

/// <summary>A public holiday (jour férié) and its French name.</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);

/// <summary>
/// The eleven French public holidays of a year (Code du travail, art. L3133-1), the Easter-based ones
/// computed with the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
/// </summary>
public static class FrenchPublicHolidays
{
    // Working-day counts ask about every day of long ranges: each year's holidays are computed once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (IReadOnlyList<PublicHoliday> List, Dictionary<DateOnly, PublicHoliday> ByDate)> Years = new();

    /// <summary>The holidays of <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<PublicHoliday> Of(int year) => YearOf(year).List;

    private static (IReadOnlyList<PublicHoliday> List, Dictionary<DateOnly, PublicHoliday> ByDate) YearOf(int year) =>
        Years.TryGetValue(year, out var known) ? known : Years.GetOrAdd(year, static y =>
        {
            var list = Compute(y);
            return (list, list.ToDictionary(h => h.Date));
        });

    private static IReadOnlyList<PublicHoliday> Compute(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var easter = EasterSunday(year);
        PublicHoliday[] holidays =
        [
            new(new DateOnly(year, 1, 1), "Jour de l'an"),
            new(easter.AddDays(1), "Lundi de Pâques"),
            new(new DateOnly(year, 5, 1), "Fête du Travail"),
            new(new DateOnly(year, 5, 8), "Victoire 1945"),
            new(easter.AddDays(39), "Ascension"),
            new(easter.AddDays(50), "Lundi de Pentecôte"),
            new(new DateOnly(year, 7, 14), "Fête nationale"),
            new(new DateOnly(year, 8, 15), "Assomption"),
            new(new DateOnly(year, 11, 1), "Toussaint"),
            new(new DateOnly(year, 11, 11), "Armistice 1918"),
            new(new DateOnly(year, 12, 25), "Noël"),
        ];
        Array.Sort(holidays, (a, b) => a.Date.CompareTo(b.Date));
        return Array.AsReadOnly(holidays);
    }

    /// <summary>The holiday falling on <paramref name="date"/>, or <c>null</c>.</summary>
    public static PublicHoliday? On(DateOnly date) => YearOf(date.Year).ByDate.GetValueOrDefault(date);

    public static bool IsPublicHoliday(DateOnly date) => On(date) is not null;

    /// <summary>Easter Sunday in the Gregorian calendar.</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
