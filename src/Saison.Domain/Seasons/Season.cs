using Saison.Domain.Calendar;

namespace Saison.Domain.Seasons;

/// <summary>Where a season stands: from draft to closed, one way only.</summary>
public enum SeasonStatus
{
    /// <summary>Bounds are being drafted.</summary>
    Draft,

    /// <summary>The COPIL has set the tonality (themes, priorities).</summary>
    OrientationsSet,

    /// <summary>The project cell has validated the summer tourism agenda.</summary>
    AgendaValidated,

    /// <summary>The season is under way.</summary>
    Running,

    /// <summary>The season is over and debriefed.</summary>
    Closed,
}

/// <summary>
/// A tourist season (saison touristique): its city and time zone (data, any city), its bounds
/// (bornes), its peak periods (haute saison), its tonality and the log of COPIL decisions.
/// </summary>
public sealed record Season
{
    public Season(
        int year,
        string city,
        string timeZoneId,
        DateRange bounds,
        IReadOnlyList<DateRange> peaks,
        Tonality tonality,
        SeasonStatus status,
        IReadOnlyList<CopilDecision> decisions,
        int revision = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2999);
        ArgumentException.ThrowIfNullOrWhiteSpace(city);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(peaks);
        ArgumentNullException.ThrowIfNull(tonality);
        ArgumentNullException.ThrowIfNull(decisions);
        if (SeasonRules.CheckPeaks(bounds, peaks) is { IsRefused: true } refused)
        {
            throw new ArgumentException(refused.Reasons[0].Message, nameof(peaks));
        }

        Year = year;
        City = city;
        TimeZoneId = timeZoneId;
        Bounds = bounds;
        Peaks = [.. peaks.OrderBy(p => p.First)];
        Tonality = tonality;
        Status = status;
        Decisions = [.. decisions];
        Revision = revision;
    }

    public int Year { get; }

    public string City { get; }

    /// <summary>IANA time zone of every local date-time of the season (its destination's zone).</summary>
    public string TimeZoneId { get; }

    /// <summary>First and last day of the season, both included.</summary>
    public DateRange Bounds { get; }

    /// <summary>Peak periods (haute saison), inside the bounds, in date order.</summary>
    public IReadOnlyList<DateRange> Peaks { get; }

    public Tonality Tonality { get; }

    public SeasonStatus Status { get; }

    /// <summary>The COPIL decisions log, in the order recorded.</summary>
    public IReadOnlyList<CopilDecision> Decisions { get; }

    /// <summary>Raised by every change, so readers see that a record moved on.</summary>
    public int Revision { get; }

    public bool Contains(DateOnly date) => Bounds.Contains(date);

    public bool IsPeak(DateOnly date) => Peaks.Any(p => p.Contains(date));

    public Season WithBounds(DateRange bounds, IReadOnlyList<DateRange> peaks) =>
        new(Year, City, TimeZoneId, bounds, peaks, Tonality, Status, Decisions, Revision + 1);

    public Season WithTonality(Tonality tonality) =>
        new(Year, City, TimeZoneId, Bounds, Peaks, tonality, Status, Decisions, Revision + 1);

    public Season WithStatus(SeasonStatus status) =>
        new(Year, City, TimeZoneId, Bounds, Peaks, Tonality, status, Decisions, Revision + 1);

    public Season PlusDecision(CopilDecision decision) =>
        new(Year, City, TimeZoneId, Bounds, Peaks, Tonality, Status, [.. Decisions, decision], Revision + 1);
}

/// <summary>A decision of the steering committee: when, what, recorded by whom.</summary>
public sealed record CopilDecision
{
    public CopilDecision(string id, DateOnly date, string text, string recordedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        Id = id;
        Date = date;
        Text = text;
        RecordedBy = recordedBy;
    }

    public string Id { get; }

    public DateOnly Date { get; }

    public string Text { get; }

    public string RecordedBy { get; }
}
