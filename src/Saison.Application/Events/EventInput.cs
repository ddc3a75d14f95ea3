using System.ComponentModel.DataAnnotations;
using Saison.Application.Persistence;
using Saison.Application.Seasons;
using Saison.Domain.Decisions;
using Saison.Domain.Events;

namespace Saison.Application.Events;

/// <summary>
/// An event as proposed or edited through the API. Times: <c>start</c>/<c>end</c> as local
/// date-times (with an offset, converted to the season's zone, or without, taken as local), or
/// whole days with <c>firstDay</c>/<c>lastDay</c> (both included). What <c>GET</c> returns is accepted back:
/// its other fields are read-only, and on an edit its dates may come back unchanged.
/// </summary>
[ReadBack(typeof(EventView))]
public sealed record EventInput(
    [property: MaxLength(EventInputParser.MaxTitleLength)] string? Title = null,
    [property: MaxLength(EventInputParser.MaxDescriptionLength)] string? Description = null,
    [property: MaxLength(100)] string? OrganiserId = null,
    [property: MaxLength(EventInputParser.MaxKindLength)] string? Kind = null,
    IReadOnlyList<string>? Themes = null,
    string? SiteId = null,
    string? Start = null,
    string? End = null,
    DateOnly? FirstDay = null,
    DateOnly? LastDay = null,
    RecurrenceInput? Recurrence = null,
    [property: Range(0, EventInputParser.MaxAttendance)] int? ExpectedAttendance = null,
    SizeClass? Size = null);

/// <summary>A weekly recurrence as given: days, a last day or a count, exception days, every how many weeks (<c>rRule</c> is read-only).</summary>
[ReadBack(typeof(RecurrenceView))]
public sealed record RecurrenceInput(IReadOnlyList<DayOfWeek>? Days = null, DateOnly? Until = null, int? Count = null, IReadOnlyList<DateOnly>? Exceptions = null, int? Interval = null);

/// <summary>A new date for an event: the same shape as in <see cref="EventInput"/>; a missing end keeps the duration.</summary>
public sealed record MoveInput(string? Start = null, string? End = null, DateOnly? FirstDay = null, DateOnly? LastDay = null);

/// <summary>Reads what callers send into domain values, or says which field is wrong (400).</summary>
public static class EventInputParser
{
    public const int MaxTitleLength = 200;

    public const int MaxDescriptionLength = 4_000;

    public const int MaxKindLength = 80;

    /// <summary>The largest attendance an event may announce (the largest gatherings of the coast stay far below).</summary>
    public const int MaxAttendance = 1_000_000;

    /// <summary>The schedule given by start/end or firstDay/lastDay; <paramref name="keep"/> supplies the duration when the end is missing.</summary>
    public static (EventSchedule? Schedule, Failure? Failure) Schedule(string? start, string? end, DateOnly? firstDay, DateOnly? lastDay, TimeZoneInfo zone, EventSchedule? keep = null)
    {
        if (firstDay is { } first)
        {
            if (start is not null || end is not null)
            {
                return (null, Failure.Validation("firstDay", "Donnez soit des journées entières (firstDay/lastDay), soit un début et une fin (start/end), pas les deux."));
            }

            var last = lastDay ?? (keep is { AllDay: true } ? first.AddDays(keep.LastDay.DayNumber - keep.FirstDay.DayNumber) : first);
            var check = EventSchedule.Check(first.ToDateTime(TimeOnly.MinValue), last.AddDays(1).ToDateTime(TimeOnly.MinValue), allDay: true);
            return check.IsRefused ? (null, Refusal("lastDay", check)) : (EventSchedule.Days(first, last), null);
        }

        if (lastDay is not null)
        {
            return (null, Failure.Validation("firstDay", "Un dernier jour (lastDay) va avec un premier jour (firstDay)."));
        }

        if (start is null)
        {
            return (null, Failure.Validation("start", "Indiquez quand a lieu l'événement : start (et end), ou firstDay (et lastDay)."));
        }

        if (SeasonTime.ParseLocal(start, zone) is not { } from)
        {
            return (null, Failure.Validation("start", $"« {start} » n'est pas une date-heure ISO 8601 (par exemple 2027-07-14T21:00:00+02:00)."));
        }

        DateTime to;
        if (end is null)
        {
            if (keep is null || keep.AllDay)
            {
                return (null, Failure.Validation("end", "Indiquez la fin de l'événement (end)."));
            }

            to = from + keep.Duration;
        }
        else if (SeasonTime.ParseLocal(end, zone) is { } parsed)
        {
            to = parsed;
        }
        else
        {
            return (null, Failure.Validation("end", $"« {end} » n'est pas une date-heure ISO 8601 (par exemple 2027-07-14T23:00:00+02:00)."));
        }

        var decision = EventSchedule.Check(from, to, allDay: false);
        return decision.IsRefused ? (null, Refusal("end", decision)) : (new EventSchedule(from, to, allDay: false), null);
    }

    /// <summary>The recurrence given, or the field that is wrong.</summary>
    public static (WeeklyRecurrence? Recurrence, Failure? Failure) Recurrence(RecurrenceInput? input)
    {
        if (input is null)
        {
            return (null, null);
        }

        var days = input.Days ?? [];
        var interval = input.Interval ?? 1;
        var shape = WeeklyRecurrence.CheckShape(days, input.Until, input.Count, interval);
        return shape.IsRefused
            ? (null, Refusal("recurrence", shape))
            : (new WeeklyRecurrence(days, input.Until, input.Count, input.Exceptions, interval), null);
    }

    /// <summary>Title, kind, site, size and attendance are present and sensible.</summary>
    public static Failure? Content(string? title, string? kind, string? siteId, int? attendance, IReadOnlyList<string>? themes, bool creating)
    {
        if ((creating || title is not null) && string.IsNullOrWhiteSpace(title))
        {
            return Failure.Validation("title", "Le titre est obligatoire.");
        }

        if (title is { Length: > 200 })
        {
            return Failure.Validation("title", "Le titre compte au plus 200 caractères.");
        }

        if ((creating || kind is not null) && string.IsNullOrWhiteSpace(kind))
        {
            return Failure.Validation("kind", "Le genre d'événement (concert, festival, sport, visite…) est obligatoire.");
        }

        if ((creating || siteId is not null) && string.IsNullOrWhiteSpace(siteId))
        {
            return Failure.Validation("siteId", "Le site est obligatoire.");
        }

        if (attendance is < 0)
        {
            return Failure.Validation("expectedAttendance", "La fréquentation attendue ne peut pas être négative.");
        }

        if (themes is not null && themes.Any(string.IsNullOrWhiteSpace))
        {
            return Failure.Validation("themes", "Un thème est vide.");
        }

        return null;
    }

    private static Failure Refusal(string field, Decision decision) =>
        new(OutcomeKind.Validation, string.Join(" ", decision.Reasons.Select(r => r.Message)), decision.Reasons, field);
}
