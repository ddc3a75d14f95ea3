using Saison.Domain.Decisions;
using Saison.Domain.Seasons;

namespace Saison.Domain.Events;

/// <summary>What an event is checked against: its season and the sites and organisers it may name.</summary>
public sealed record EventContext(Season Season, IReadOnlySet<string> SiteIds, IReadOnlySet<string> OrganiserIds);

/// <summary>The rules of an event's content and life: bounds, themes, site, transitions.</summary>
public static class EventRules
{
    /// <summary>
    /// A proposed or edited event fits its season: open for changes, every occurrence inside the
    /// bounds, known themes, site and organiser, a recurrence that matches its first occurrence.
    /// </summary>
    /// <summary>
    /// What is legal but unlikely, said to whoever reads the event (the event is kept): an attendance far
    /// above what its site holds, or a size class that does not match the attendance announced.
    /// </summary>
    public static IReadOnlyList<Reason> Warnings(SeasonEvent e, Site? site)
    {
        ArgumentNullException.ThrowIfNull(e);
        var warnings = new List<Reason>();
        var people = FrenchNumbers.Count(e.ExpectedAttendance);
        if (site is { Capacity: { } capacity and > 0 } && e.ExpectedAttendance > capacity)
        {
            warnings.Add(new("attendance-above-capacity", $"La fréquentation attendue ({people} personnes) dépasse la capacité du site « {site.Name} » ({FrenchNumbers.Count(capacity)} personnes) : vérifiez le chiffre ou le site."));
        }

        var expected = e.ExpectedAttendance switch
        {
            <= 500 => SizeClass.Small,
            <= 5_000 => SizeClass.Medium,
            <= 30_000 => SizeClass.Large,
            _ => SizeClass.Major,
        };
        if (Math.Abs((int)expected - (int)e.Size) >= 2)
        {
            warnings.Add(new("size-vs-attendance", $"La taille déclarée ({SizeName(e.Size)}) ne correspond pas à la fréquentation attendue ({people} personnes, plutôt {SizeName(expected)}) : le rétroplanning et les délais en dépendent."));
        }

        return warnings;
    }

    private static string SizeName(SizeClass size) => size switch
    {
        SizeClass.Small => "petit événement",
        SizeClass.Medium => "événement moyen",
        SizeClass.Large => "grand événement",
        _ => "événement majeur",
    };

    public static Decision CheckContent(SeasonEvent candidate, EventContext context)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(context);
        var season = context.Season;
        var reasons = new List<Reason>();
        reasons.AddRange(Refusals(SeasonRules.CheckOpenForChanges(season)));
        if (candidate.Recurrence is { } recurrence)
        {
            var shape = recurrence.CheckAgainst(candidate.Schedule);
            if (shape.IsRefused)
            {
                reasons.AddRange(shape.Reasons);
                return Decision.Refused(reasons);
            }
        }

        var occurrences = candidate.Occurrences();
        var outside = occurrences.FirstOrDefault(o => !season.Contains(o.FirstDay) || !season.Contains(o.LastDay));
        if (outside is not null)
        {
            reasons.Add(new("outside-bounds", $"L'événement ({(occurrences.Count > 1 ? "occurrence du " : string.Empty)}{outside.FirstDay:dd/MM/yyyy}) sort des bornes de la saison {season.Year} : du {season.Bounds.First:dd/MM/yyyy} au {season.Bounds.Last:dd/MM/yyyy}."));
        }

        if (candidate.Themes.Count == 0)
        {
            reasons.Add(new("no-theme", "Un événement sert au moins un thème de la tonalité."));
        }

        foreach (var theme in candidate.Themes.Where(t => !season.Tonality.HasTheme(t)))
        {
            reasons.Add(new("unknown-theme", $"Le thème « {theme} » ne fait pas partie de la tonalité de la saison ({string.Join(", ", season.Tonality.Themes.Select(t => t.Id))})."));
        }

        if (!context.SiteIds.Contains(candidate.SiteId))
        {
            reasons.Add(new("unknown-site", $"Le site « {candidate.SiteId} » est inconnu pour la saison {season.Year}."));
        }

        if (!context.OrganiserIds.Contains(candidate.OrganiserId))
        {
            reasons.Add(new("unknown-organiser", $"L'organisateur « {candidate.OrganiserId} » est inconnu pour la saison {season.Year}."));
        }

        return reasons.Count == 0 ? Decision.Accepted() : Decision.Refused(reasons);
    }

    /// <summary>Content (title, site, themes...) may change until the event is cancelled or done.</summary>
    public static Decision CheckEditable(SeasonEvent current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Status switch
        {
            EventStatus.Cancelled => Decision.Refused(new Reason("event-cancelled", $"L'événement « {current.Title} » est annulé : il ne se modifie plus.")),
            EventStatus.Done => Decision.Refused(new Reason("event-done", $"L'événement « {current.Title} » a déjà eu lieu : il ne se modifie plus.")),
            _ => Decision.Accepted(),
        };
    }

    /// <summary>A cancelled or past event does not move.</summary>
    public static Decision CheckMove(SeasonEvent current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Status switch
        {
            EventStatus.Cancelled => Decision.Refused(new Reason("move-cancelled", $"L'événement « {current.Title} » est annulé : impossible de le déplacer.")),
            EventStatus.Done => Decision.Refused(new Reason("move-done", $"L'événement « {current.Title} » a déjà eu lieu : impossible de le déplacer.")),
            _ => Decision.Accepted(),
        };
    }

    /// <summary>A proposed event may be confirmed.</summary>
    public static Decision CheckConfirm(SeasonEvent current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Status == EventStatus.Proposed
            ? Decision.Accepted()
            : Decision.Refused(new Reason("confirm-not-proposed", $"Seul un événement proposé peut être confirmé ; « {current.Title} » est {Describe(current.Status)}."));
    }

    /// <summary>A proposed or confirmed event may be cancelled.</summary>
    public static Decision CheckCancel(SeasonEvent current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Status is EventStatus.Proposed or EventStatus.Confirmed
            ? Decision.Accepted()
            : Decision.Refused(new Reason("cancel-not-open", $"L'événement « {current.Title} » est {Describe(current.Status)} : il ne peut plus être annulé."));
    }

    /// <summary>A confirmed event is done once its last occurrence has begun.</summary>
    public static Decision CheckDone(SeasonEvent current, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.Status != EventStatus.Confirmed)
        {
            return Decision.Refused(new Reason("done-not-confirmed", $"Seul un événement confirmé peut être déclaré réalisé ; « {current.Title} » est {Describe(current.Status)}."));
        }

        return today < current.Occurrences()[^1].FirstDay
            ? Decision.Refused(new Reason("done-too-early", $"« {current.Title} » n'a pas encore eu lieu (dernière date : {current.Occurrences()[^1].FirstDay:dd/MM/yyyy})."))
            : Decision.Accepted();
    }

    /// <summary>The project cell decides on the agenda for any event not cancelled nor done; keeping out needs a reason.</summary>
    public static Decision CheckAgendaDecision(SeasonEvent current, AgendaStatus target, string? note)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.Status is EventStatus.Cancelled or EventStatus.Done)
        {
            return Decision.Refused(new Reason("agenda-closed-event", $"L'événement « {current.Title} » est {Describe(current.Status)} : l'agenda ne le concerne plus."));
        }

        if (target == AgendaStatus.OutOfAgenda && string.IsNullOrWhiteSpace(note))
        {
            return Decision.Refused(new Reason("agenda-out-needs-reason", "Garder un événement hors de l'agenda touristique demande un motif."));
        }

        return current.Agenda == target
            ? Decision.Refused(new Reason("agenda-unchanged", $"L'événement « {current.Title} » est déjà {(target == AgendaStatus.InAgenda ? "dans" : "hors de")} l'agenda touristique."))
            : Decision.Accepted();
    }

    /// <summary>French name of a status, with its agreement (« annulé »).</summary>
    public static string Describe(EventStatus status) => status switch
    {
        EventStatus.Proposed => "proposé",
        EventStatus.Confirmed => "confirmé",
        EventStatus.Cancelled => "annulé",
        EventStatus.Done => "réalisé",
        _ => status.ToString(),
    };

    private static IEnumerable<Reason> Refusals(Decision decision) => decision.IsRefused ? decision.Reasons : [];
}
