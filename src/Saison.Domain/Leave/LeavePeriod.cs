using Saison.Domain.Calendar;

namespace Saison.Domain.Leave;

/// <summary>
/// The days of an absence, both ends included; the first day may start in the afternoon and the
/// last may end at noon (half days). A one-day period cannot do both.
/// </summary>
public sealed record LeavePeriod
{
    public LeavePeriod(DateOnly first, DateOnly last, bool startsAfternoon = false, bool endsAtNoon = false)
    {
        if (last < first)
        {
            throw new ArgumentException($"The period ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd}).", nameof(last));
        }

        if (first == last && startsAfternoon && endsAtNoon)
        {
            throw new ArgumentException("A one-day period cannot start in the afternoon and end at noon.", nameof(endsAtNoon));
        }

        First = first;
        Last = last;
        StartsAfternoon = startsAfternoon;
        EndsAtNoon = endsAtNoon;
    }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    public bool StartsAfternoon { get; }

    public bool EndsAtNoon { get; }

    public DateRange ToRange() => new(First, Last);

    public bool Contains(DateOnly date) => date >= First && date <= Last;

    /// <summary>Whether the morning of <paramref name="date"/> is inside the period.</summary>
    public bool CoversMorning(DateOnly date) => Contains(date) && !(date == First && StartsAfternoon);

    /// <summary>Whether the afternoon of <paramref name="date"/> is inside the period.</summary>
    public bool CoversAfternoon(DateOnly date) => Contains(date) && !(date == Last && EndsAtNoon);

    /// <summary>1 for a whole day, 0.5 for a half day, 0 outside the period.</summary>
    public decimal FractionOn(DateOnly date) => (CoversMorning(date) ? 0.5m : 0m) + (CoversAfternoon(date) ? 0.5m : 0m);

    /// <summary>Whether the two periods share a half day.</summary>
    public bool Overlaps(LeavePeriod other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ToRange().Overlaps(other.ToRange()))
        {
            return false;
        }

        var first = First > other.First ? First : other.First;
        var last = Last < other.Last ? Last : other.Last;
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            if ((CoversMorning(d) && other.CoversMorning(d)) || (CoversAfternoon(d) && other.CoversAfternoon(d)))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<DateOnly> EachDay() => ToRange().EachDay();
}
