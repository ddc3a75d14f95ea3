namespace Saison.Domain.Leave;

/// <summary>When a presence rule applies: the whole season (its bounds) or only its peak weeks.</summary>
public enum RulePeriod
{
    Season,
    Peak,
}

/// <summary>At least <see cref="Count"/> agents on duty each working day (those with <see cref="Skill"/> when given).</summary>
public sealed record MinimumStaffing(int Count, string? Skill = null, RulePeriod During = RulePeriod.Season);

/// <summary>At most <see cref="Count"/> agents of the team absent on the same day.</summary>
public sealed record AbsenceCap(int Count, RulePeriod During = RulePeriod.Season);

/// <summary>Days when no leave is taken (both ends included), with why.</summary>
public sealed record BlackoutWindow(DateOnly First, DateOnly Last, string Label, string? EventId = null)
{
    public bool Contains(DateOnly date) => date >= First && date <= Last;
}

/// <summary>
/// A team's presence rules for a season, set by its managers or the project cell. Null or empty
/// members mean "no such rule". <see cref="DerivedBlackoutMarginDays"/> turns on blackout windows
/// derived from the summer tourism agenda: the days of each agenda event the team works on,
/// widened by that many days on each side (setup and teardown).
/// </summary>
public sealed record PresenceRules(
    IReadOnlyList<MinimumStaffing> Minimums,
    AbsenceCap? MaxSimultaneousAbsences,
    IReadOnlyList<BlackoutWindow> Blackouts,
    int? DerivedBlackoutMarginDays,
    bool RecoveryBlockedDuringPeak,
    int? MaxContinuousSummerLeaveDays)
{
    /// <summary>No rule at all: every request passes (apart from balances and overlaps).</summary>
    public static PresenceRules None { get; } = new([], null, [], null, false, null);

    /// <summary>What is wrong with these rules, field by field (empty when they are valid).</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (Minimums is null || Minimums.Any(m => m is null || m.Count < 0 || m.Count > 500 || (m.Skill is not null && string.IsNullOrWhiteSpace(m.Skill))))
        {
            problems["minimums"] = ["Chaque minimum indique un effectif entre 0 et 500 et, s'il y en a une, une compétence non vide."];
        }

        if (MaxSimultaneousAbsences is { Count: < 0 or > 500 })
        {
            problems["maxSimultaneousAbsences"] = ["Le nombre maximal d'absences simultanées doit être compris entre 0 et 500."];
        }

        if (Blackouts is null || Blackouts.Any(b => b is null || b.Last < b.First || string.IsNullOrWhiteSpace(b.Label)))
        {
            problems["blackouts"] = ["Chaque période de fermeture a un libellé et se termine après son début."];
        }

        if (DerivedBlackoutMarginDays is < 0 or > 30)
        {
            problems["derivedBlackoutMarginDays"] = ["La marge autour des événements de l'agenda doit être comprise entre 0 et 30 jours."];
        }

        if (MaxContinuousSummerLeaveDays is < 1 or > 366)
        {
            problems["maxContinuousSummerLeaveDays"] = ["La durée maximale de congé d'été continu doit être comprise entre 1 et 366 jours."];
        }

        return problems;
    }
}
