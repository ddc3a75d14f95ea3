namespace Saison.Application.Seasons;

/// <summary>The season's time zone applied at the edges: local date-times inside, offsets outside.</summary>
public static class SeasonTime
{
    public static TimeZoneInfo Zone(string timeZoneId) => TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    /// <summary>
    /// A local date-time of the season with the zone's offset then, as RFC 5545 §3.3.5 reads local
    /// times (and Ical.Net with it): a time that happens twice (the autumn change) is the first one,
    /// a time that does not exist (the spring gap) takes the offset before the gap.
    /// </summary>
    public static DateTimeOffset ToOffset(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(unspecified))
        {
            // .NET reads an ambiguous time as standard time, the second one: the larger offset is the first.
            return new DateTimeOffset(unspecified, zone.GetAmbiguousTimeOffsets(unspecified).Max());
        }

        // Changes are months apart: a day earlier is before the gap.
        var offset = zone.IsInvalidTime(unspecified) ? zone.GetUtcOffset(unspecified.AddDays(-1)) : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }

    /// <summary>
    /// The instants of one occurrence of a recurring schedule whose first occurrence is
    /// <paramref name="first"/>. Whole days stay whole days; a timed occurrence lasts the exact
    /// elapsed time of the first (RFC 5545 §3.8.5.3, as Ical.Net expands it), so a night that
    /// crosses a clock change ends that much earlier or later on the wall clock.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) ToOffsets(Domain.Events.EventSchedule occurrence, Domain.Events.EventSchedule first, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        ArgumentNullException.ThrowIfNull(first);
        var start = ToOffset(occurrence.Start, zone);
        if (occurrence.AllDay)
        {
            return (start, ToOffset(occurrence.End, zone));
        }

        var elapsed = ToOffset(first.End, zone) - ToOffset(first.Start, zone);
        return (start, TimeZoneInfo.ConvertTime(start + elapsed, zone));
    }

    /// <summary>An instant as the season's local date-time.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>Today in the season's time zone.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(ToLocal(time.GetUtcNow(), zone));
    }

    /// <summary>
    /// Reads a date-time given with an offset (converted to the season's local time) or without
    /// (taken as local time of the season); null when it is not a date-time.
    /// </summary>
    public static DateTime? ParseLocal(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant)
                ? ToLocal(instant, zone)
                : null;
        }

        return DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local, DateTimeKind.Unspecified)
            : null;
    }
}
