using Saison.Domain.Planning;
using Saison.Domain.Calendar;

namespace Saison.Application.Planning;

/// <summary>A milestone as the shared plan shows it on a given day.</summary>
public sealed record MilestoneView(
    string Id,
    string? EventId,
    string? EventTitle,
    string Key,
    string Title,
    string Owner,
    string Deliverable,
    DateOnly Due,
    DateOnly IdealDue,
    int CompressedBy,
    CompressionCause Compression,
    bool BeyondAnchor,
    MilestoneState State,
    IReadOnlyList<string> Reasons,
    int WorkingDaysLeft,
    string DueText,
    string Countdown,
    DateOnly? DoneOn,
    string? DoneBy,
    IReadOnlyList<MilestonePredecessor> Predecessors);

/// <summary>How many milestones in each state.</summary>
public sealed record PlanCounts(int Late, int AtRisk, int ToDo, int Done);

/// <summary>A group of the plan (an event, an owner).</summary>
public sealed record PlanGroup(string Key, string Title, PlanCounts Counts, IReadOnlyList<MilestoneView> Milestones);

/// <summary>The shared plan on a day: late and at-risk first, then by due date; grouped when asked.</summary>
public sealed record PlanView(int Season, DateOnly AsOf, PlanCounts Counts, IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<PlanGroup>? Groups);

/// <summary>Which milestones and how: every filter optional.</summary>
/// <summary>
/// What part of the plan to show. With a <c>Caller</c>, only the events that caller may see are shown: an
/// organiser's plan holds their own events (and the season's milestones); another organisation's event is
/// unknown to them (404), like its record.
/// </summary>
public sealed record PlanQuery(
    DateOnly? AsOf = null,
    string? EventId = null,
    string? Owner = null,
    DateOnly? From = null,
    DateOnly? To = null,
    MilestoneState? State = null,
    string? GroupBy = null,
    bool IncludeSeason = true,
    string? Window = null,
    Saison.Application.Identity.Caller? Caller = null);

/// <summary>Due windows people ask for: « cette semaine », « la semaine prochaine », « ce mois-ci », « les 30 prochains jours ».</summary>
public static class DueWindows
{
    public static IReadOnlyList<string> Names { get; } = ["this-week", "next-week", "this-month", "next-30-days"];

    /// <summary>The first and last day of a named window around <paramref name="today"/> (weeks start on Monday); null for an unknown name.</summary>
    public static (DateOnly From, DateOnly To)? Resolve(string window, DateOnly today)
    {
        var monday = Weeks.MondayOf(today);
        return window switch
        {
            "this-week" => (monday, monday.AddDays(6)),
            "next-week" => (monday.AddDays(7), monday.AddDays(13)),
            "this-month" => (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month))),
            "next-30-days" => (today, today.AddDays(30)),
            _ => null,
        };
    }
}

/// <summary>A baseline with each milestone's slip.</summary>
public sealed record BaselineView(string Id, int Season, string Name, DateOnly TakenOn, string TakenBy, int Milestones, IReadOnlyList<SlipView>? Slips);

/// <summary>One milestone's slip against the baseline, in working and calendar days (positive: later).</summary>
public sealed record SlipView(string MilestoneId, string? Title, string? EventId, DateOnly? BaselineDue, DateOnly? CurrentDue, int SlipWorkingDays, int SlipDays, SlipKind Kind);
