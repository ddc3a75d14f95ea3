namespace Saison.Domain.Calendar;

/// <summary>Whole days from <see cref="First"/> to <see cref="Last"/>, both included.</summary>
public sealed record DateRange
{
    public DateRange(DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            throw new ArgumentException($"The range ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd}).", nameof(last));
        }

        First = first;
        Last = last;
    }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    /// <summary>Number of days, both ends included.</summary>
    public int Days => Last.DayNumber - First.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= First && date <= Last;

    public bool Overlaps(DateRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return First <= other.Last && other.First <= Last;
    }

    /// <summary>Every day of the range, in order.</summary>
    public IEnumerable<DateOnly> EachDay()
    {
        for (var d = First; d <= Last; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
