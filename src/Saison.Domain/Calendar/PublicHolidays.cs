namespace Saison.Domain.Calendar;

/// <summary>A public holiday (jour férié) and its name.</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);

/// <summary>
/// One public holiday a year, as a destination's data states it: a fixed day of the year
/// (<see cref="Month"/> and <see cref="Day"/>), or a number of days after Easter Sunday
/// (<see cref="EasterOffset"/>: 1 for Easter Monday, 39 for Ascension, -2 for Good Friday).
/// </summary>
public sealed record PublicHolidayRule
{
    public PublicHolidayRule(string name, int? month = null, int? day = null, int? easterOffset = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (easterOffset is { } offset)
        {
            if (month is not null || day is not null)
            {
                throw new ArgumentException($"The holiday rule '{name}' is either a fixed day or a day after Easter, not both.", nameof(easterOffset));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(offset, -60, nameof(easterOffset));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, 70, nameof(easterOffset));
        }
        else if (month is not { } m || day is not { } d || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(2024, m))
        {
            throw new ArgumentException($"The holiday rule '{name}' needs a valid month and day, or an offset from Easter.", nameof(month));
        }

        Name = name;
        Month = month;
        Day = day;
        EasterOffset = easterOffset;
    }

    /// <summary>Its name as the destination says it (« Fête nationale »).</summary>
    public string Name { get; }

    /// <summary>Month of a fixed-day holiday (1 to 12).</summary>
    public int? Month { get; }

    /// <summary>Day of the month of a fixed-day holiday.</summary>
    public int? Day { get; }

    /// <summary>Days after Easter Sunday (negative before) of an Easter-based holiday.</summary>
    public int? EasterOffset { get; }

    /// <summary>The date of this holiday in <paramref name="year"/>; none when a fixed 29 February falls in a common year.</summary>
    public DateOnly? DateIn(int year) =>
        EasterOffset is { } offset
            ? PublicHolidayCalendar.EasterSunday(year).AddDays(offset)
            : Day <= DateTime.DaysInMonth(year, Month!.Value) ? new DateOnly(year, Month.Value, Day!.Value) : null;
}

/// <summary>
/// The public holidays of a destination, from its rules (for a French city: the eleven days of the Code du
/// travail, art. L3133-1, plus Alsace-Moselle's Good Friday and 26 December, or an overseas department's
/// abolition-of-slavery day). Easter is computed with the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
/// </summary>
public sealed class PublicHolidayCalendar
{
    // Working-day counts ask about every day of long ranges: each year's holidays are computed once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (IReadOnlyList<PublicHoliday> List, Dictionary<DateOnly, PublicHoliday> ByDate)> _years = new();

    public PublicHolidayCalendar(IEnumerable<PublicHolidayRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
    }

    /// <summary>No public holiday at all (a destination that states none).</summary>
    public static PublicHolidayCalendar None { get; } = new([]);

    public IReadOnlyList<PublicHolidayRule> Rules { get; }

    /// <summary>The holidays of <paramref name="year"/>, in date order (two rules on one day: the first named wins).</summary>
    public IReadOnlyList<PublicHoliday> Of(int year) => YearOf(year).List;

    /// <summary>The holiday falling on <paramref name="date"/>, or <c>null</c>.</summary>
    public PublicHoliday? On(DateOnly date) => YearOf(date.Year).ByDate.GetValueOrDefault(date);

    public bool IsPublicHoliday(DateOnly date) => On(date) is not null;

    private (IReadOnlyList<PublicHoliday> List, Dictionary<DateOnly, PublicHoliday> ByDate) YearOf(int year) =>
        _years.TryGetValue(year, out var known) ? known : _years.GetOrAdd(year, y =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(y, 1583, nameof(year));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(y, 9999, nameof(year));
            var byDate = new Dictionary<DateOnly, PublicHoliday>();
            foreach (var rule in Rules)
            {
                if (rule.DateIn(y) is { } date)
                {
                    byDate.TryAdd(date, new PublicHoliday(date, rule.Name));
                }
            }

            return (byDate.Values.OrderBy(h => h.Date).ToList().AsReadOnly(), byDate);
        });

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
