using Saison.Application.Identity;
using Saison.Application.Planning;
using Saison.Application.Seasons;
using Saison.Domain.Planning;
using Saison.Functions.Http;
using Saison.Functions.Web.Components;

namespace Saison.Functions.Web;

/// <summary>French words of the reverse plan's states, and what the plan pages share.</summary>
public static class PlanText
{
    /// <summary>The colour of a state on the timeline (the charts' palette).</summary>
    public static string StateColor(MilestoneState state) => state switch
    {
        MilestoneState.Late => "#a01c1c",
        MilestoneState.AtRisk => "#b35c00",
        MilestoneState.Done => "#2f7d4a",
        _ => "#4a5561",
    };

    /// <summary>A due date as people read it: the date, then how far it is (« lun. 12 juil. 2027 — dans 3 semaines »).</summary>
    public static string Due(MilestoneView milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var date = milestone.Due.ToString("ddd d MMM yyyy", WebText.French);
        return milestone.State == MilestoneState.Done
            ? $"{date} — fait le {milestone.DoneOn?.ToString("d MMM", WebText.French)}"
            : $"{date} — {milestone.DueText}";
    }

    /// <summary>Who owns a milestone, named: an event's organiser by its name, the others by their role.</summary>
    public static string Owner(MilestoneView milestone, IReadOnlyDictionary<string, string> organiserByEvent, PlanService plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(organiserByEvent);
        var name = milestone.Owner == Saison.Domain.Destinations.PlanOwner.Organiser && milestone.EventId is { } eventId && organiserByEvent.TryGetValue(eventId, out var organiser)
            ? organiser
            : plan.OwnerName(milestone.Owner);
        return name.Length == 0 ? name : char.ToUpper(name[0], WebText.French) + name[1..];
    }

    /// <summary>Marks a milestone done from a page's form; the message to show, the field errors otherwise.</summary>
    public static async Task<(string? Done, int Status)> MarkDoneAsync(PlanService plan, Caller caller, int season, string? milestoneId, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(milestoneId))
        {
            errors.Add(FormErrors.Form, "Choisissez le jalon à déclarer fait.");
            return (null, StatusCodes.Status400BadRequest);
        }

        var result = await plan.MarkDoneAsync(caller, season, milestoneId, null).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            return ($"« {result.Value!.Title} » est déclaré fait le {result.Value.DoneOn?.ToString("d MMMM yyyy", WebText.French)}.", StatusCodes.Status200OK);
        }

        var failure = result.Failure!;
        errors.Add(FormErrors.Form, failure.Detail);
        return (null, OutcomeHttp.Status(failure.Kind));
    }

    /// <summary>A template milestone's offset in the planners' words: « J-60 ouvrés avant le début », « J+5 ouvrés après la fin ».</summary>
    /// <summary>
    /// The rows of a reverse-plan timeline: each milestone on its due date, in due order, beside its due date in
    /// <paramref name="baseline"/> (the latest frozen one); with the event's title when the rows span events.
    /// </summary>
    public static IReadOnlyList<TimelineRow> TimelineRows(IEnumerable<MilestoneView> milestones, BaselineView? baseline, bool withEvent)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var frozen = (baseline?.Slips ?? []).Where(s => s.BaselineDue is not null).ToDictionary(s => s.MilestoneId, s => s.BaselineDue!.Value, StringComparer.Ordinal);
        return [.. milestones.OrderBy(m => m.Due).Select(m => new TimelineRow(
            m.Id,
            withEvent ? $"{m.Title} — {m.EventTitle ?? "saison"}" : m.Title,
            m.Due,
            frozen.TryGetValue(m.Id, out var due) ? due : null,
            m.DoneOn,
            State(m.State),
            StateColor(m.State)))];
    }

    public static string Offset(MilestoneTemplate step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var anchor = step.Anchor == MilestoneAnchor.Start ? "le début" : "la fin";
        return step.Offset switch
        {
            0 => $"le jour même ({anchor})",
            < 0 => $"J{step.Offset} ouvrés avant {anchor}",
            _ => $"J+{step.Offset} ouvrés après {anchor}",
        };
    }

    public static string State(MilestoneState state) => state switch
    {
        MilestoneState.ToDo => "dans les temps",
        MilestoneState.AtRisk => "à risque",
        MilestoneState.Late => "en retard",
        MilestoneState.Done => "fait",
        _ => state.ToString(),
    };

    public static string StateClass(MilestoneState state) => state switch
    {
        MilestoneState.Late => "bad",
        MilestoneState.AtRisk => "warn",
        MilestoneState.Done => "ok",
        _ => "neutral",
    };
}
