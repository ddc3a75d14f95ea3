using System.Globalization;

namespace Saison.Functions.Hosting;

/// <summary>
/// An NCRONTAB expression as the Azure Functions timer trigger reads it: six fields, seconds first
/// (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>). Each field takes <c>*</c>, a value,
/// a range <c>a-b</c>, a list <c>a,b</c> and a step <c>*/n</c> or <c>a-b/n</c>; months and days of
/// the week also by their English three-letter names. As in NCrontab, a time matches when every
/// field matches (day of month AND day of week). Parsing returns a result instead of throwing.
/// </summary>
public sealed class NcrontabSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly (string Name, int Min, int Max, string[]? Names, int NameBase)[] Fields =
    [
        ("seconde", 0, 59, null, 0),
        ("minute", 0, 59, null, 0),
        ("heure", 0, 23, null, 0),
        ("jour du mois", 1, 31, null, 0),
        ("mois", 1, 12, MonthNames, 1),
        ("jour de la semaine", 0, 6, DayNames, 0),
    ];

    private readonly bool[][] _allowed;

    private NcrontabSchedule(string expression, bool[][] allowed)
    {
        Expression = expression;
        _allowed = allowed;
    }

    public string Expression { get; }

    /// <summary>Parses <paramref name="expression"/>; the error says which field and why (in French).</summary>
    public static NcrontabParseResult TryParse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return NcrontabParseResult.Failure("L'expression NCRONTAB est vide.");
        }

        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length)
        {
            return NcrontabParseResult.Failure($"L'expression « {expression} » a {parts.Length} champs ; NCRONTAB en attend 6 (seconde minute heure jour mois jour-de-semaine).");
        }

        var allowed = new bool[Fields.Length][];
        for (var i = 0; i < Fields.Length; i++)
        {
            var (name, min, max, names, nameBase) = Fields[i];
            var set = new bool[max + 1];
            foreach (var item in parts[i].Split(','))
            {
                if (ParseItem(item, min, max, names, nameBase, set) is { } error)
                {
                    return NcrontabParseResult.Failure($"Champ {name} « {parts[i]} » : {error}");
                }
            }

            if (i == 5 && set.Length > 7)
            {
                set[0] |= set[7];
            }

            allowed[i] = set;
        }

        return NcrontabParseResult.Success(new NcrontabSchedule(expression, allowed));
    }

    /// <summary>Parses a schedule known to be valid (declarations in code); throws otherwise.</summary>
    public static NcrontabSchedule Parse(string expression)
    {
        var result = TryParse(expression);
        return result.Schedule ?? throw new FormatException(result.Error);
    }

    /// <summary>Whether the wall-clock time <paramref name="time"/> (to the second) matches.</summary>
    public bool Matches(DateTime time) =>
        _allowed[0][time.Second] && _allowed[1][time.Minute] && _allowed[2][time.Hour]
        && _allowed[3][time.Day] && _allowed[4][time.Month] && _allowed[5][(int)time.DayOfWeek];

    /// <summary>The first wall-clock time strictly after <paramref name="after"/> that matches, or <c>null</c> within five years.</summary>
    public DateTime? NextAfter(DateTime after)
    {
        var t = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, after.Second, after.Kind).AddSeconds(1);
        var limit = after.AddYears(5);
        while (t <= limit)
        {
            if (!_allowed[4][t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, t.Kind).AddMonths(1);
                continue;
            }

            if (!_allowed[3][t.Day] || !_allowed[5][(int)t.DayOfWeek])
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_allowed[2][t.Hour])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, t.Kind).AddHours(1);
                continue;
            }

            if (!_allowed[1][t.Minute])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, t.Kind).AddMinutes(1);
                continue;
            }

            if (!_allowed[0][t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }

            return t;
        }

        return null;
    }

    /// <summary>
    /// The next occurrence strictly after the instant <paramref name="after"/>, the schedule read in
    /// <paramref name="zone"/> (UTC on Flex Consumption). A local time skipped by a spring-forward
    /// change does not occur; a local time repeated by a fall-back change occurs once, at its first
    /// instant.
    /// </summary>
    public DateTimeOffset? NextOccurrence(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(after, zone);
        var cursor = DateTime.SpecifyKind(local.DateTime, DateTimeKind.Unspecified);
        for (var guard = 0; guard < 100_000; guard++)
        {
            if (NextAfter(cursor) is not { } candidate)
            {
                return null;
            }

            cursor = candidate;
            if (zone.IsInvalidTime(candidate))
            {
                continue;
            }

            var offset = zone.IsAmbiguousTime(candidate)
                ? zone.GetAmbiguousTimeOffsets(candidate).Max()
                : zone.GetUtcOffset(candidate);
            var instant = new DateTimeOffset(candidate, offset);
            if (instant > after)
            {
                return instant;
            }
        }

        return null;
    }

    public override string ToString() => Expression;

    private static string? ParseItem(string item, int min, int max, string[]? names, int nameBase, bool[] set)
    {
        var step = 1;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = item;
        if (slash >= 0)
        {
            if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
            {
                return $"le pas « {item[(slash + 1)..]} » doit être un entier positif.";
            }

            range = item[..slash];
        }

        int from, to;
        if (range == "*")
        {
            (from, to) = (min, max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var first = dash >= 0 ? range[..dash] : range;
            if (ParseValue(first, names, nameBase) is not { } a)
            {
                return $"« {first} » n'est pas une valeur reconnue.";
            }

            from = a;
            if (dash >= 0)
            {
                if (ParseValue(range[(dash + 1)..], names, nameBase) is not { } b)
                {
                    return $"« {range[(dash + 1)..]} » n'est pas une valeur reconnue.";
                }

                to = b;
            }
            else
            {
                to = slash >= 0 ? max : from;
            }
        }

        // Day of week accepts 7 for Sunday, as cron does.
        var upper = names == DayNames ? 7 : max;
        if (from < min || to > upper || from > to)
        {
            return $"{from}-{to} sort de l'intervalle permis {min}-{max}.";
        }

        for (var v = from; v <= to; v += step)
        {
            set[v == 7 && names == DayNames ? 0 : v] = true;
        }

        return null;
    }

    private static int? ParseValue(string text, string[]? names, int nameBase)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (names is not null)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index + nameBase : null;
        }

        return null;
    }
}

/// <summary>The outcome of <see cref="NcrontabSchedule.TryParse"/>: a schedule or a French error.</summary>
public sealed record NcrontabParseResult(NcrontabSchedule? Schedule, string? Error)
{
    public bool IsSuccess => Schedule is not null;

    public static NcrontabParseResult Success(NcrontabSchedule schedule) => new(schedule, null);

    public static NcrontabParseResult Failure(string error) => new(null, error);
}
