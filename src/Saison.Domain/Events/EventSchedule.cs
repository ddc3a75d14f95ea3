using Saison.Domain.Decisions;

namespace Saison.Domain.Events;

/// <summary>
/// When an event (or its first occurrence) takes place, in the season's local time: a start and an
/// end, or whole days (midnight start, exclusive midnight end). No offset here: the time zone is the
/// season's, applied at the edges.
/// </summary>
public sealed record EventSchedule
{
    public EventSchedule(DateTime start, DateTime end, bool allDay)
    {
        if (Check(start, end, allDay) is { IsRefused: true } refused)
        {
            throw new ArgumentException(refused.Reasons[0].Message, nameof(end));
        }

        Start = DateTime.SpecifyKind(start, DateTimeKind.Unspecified);
        End = DateTime.SpecifyKind(end, DateTimeKind.Unspecified);
        AllDay = allDay;
    }

    /// <summary>Local start.</summary>
    public DateTime Start { get; }

    /// <summary>Local end (exclusive midnight for whole days).</summary>
    public DateTime End { get; }

    public bool AllDay { get; }

    public TimeSpan Duration => End - Start;

    public DateOnly FirstDay => DateOnly.FromDateTime(Start);

    /// <summary>The last day the event covers (an end at midnight belongs to the day before).</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(End.TimeOfDay == TimeSpan.Zero ? End.AddDays(-1) : End);

    /// <summary>Whole days from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static EventSchedule Days(DateOnly first, DateOnly last) =>
        new(first.ToDateTime(TimeOnly.MinValue), last.AddDays(1).ToDateTime(TimeOnly.MinValue), allDay: true);

    /// <summary>The same times shifted to start on another day.</summary>
    public EventSchedule StartingOn(DateOnly day) =>
        new(day.ToDateTime(TimeOnly.FromDateTime(Start)), day.ToDateTime(TimeOnly.FromDateTime(Start)) + Duration, AllDay);

    /// <summary>An end after its start; whole days on midnights.</summary>
    public static Decision Check(DateTime start, DateTime end, bool allDay)
    {
        if (end <= start)
        {
            return Decision.Refused(new Reason("end-before-start", $"La fin ({end:dd/MM/yyyy HH:mm}) doit être postérieure au début ({start:dd/MM/yyyy HH:mm})."));
        }

        if (allDay && (start.TimeOfDay != TimeSpan.Zero || end.TimeOfDay != TimeSpan.Zero))
        {
            return Decision.Refused(new Reason("all-day-not-midnight", "Un événement sur des journées entières commence et finit à minuit."));
        }

        if (end - start > TimeSpan.FromDays(120))
        {
            return Decision.Refused(new Reason("too-long", "Un événement (ou chacune de ses occurrences) dure au plus 120 jours."));
        }

        return Decision.Accepted();
    }
}
