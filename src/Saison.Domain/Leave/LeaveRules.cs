using Saison.Domain.Decisions;

namespace Saison.Domain.Leave;

/// <summary>
/// The presence rules a leave request is evaluated against. Pure: the ledger, team, rules and
/// season come in; verdicts with their reasons go out. The candidate's own booking in the ledger,
/// if any, is ignored (a pending request is evaluated as if it were not there yet). The verdicts read
/// the approved leave; colleagues' pending requests on the same days are weighed apart, as if they
/// were all granted (<see cref="PendingOutlook"/>).
/// </summary>
public static class LeaveRules
{
    public const string MinimumStaffing = "minimum-staffing";
    public const string MaxSimultaneousAbsences = "max-simultaneous-absences";
    public const string Blackout = "blackout";
    public const string RecoveryInPeak = "recovery-in-peak";
    public const string MaxContinuousSummerLeave = "max-continuous-summer-leave";

    public static LeaveEvaluation Evaluate(LeaveEvaluationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var candidate = input.Candidate;
        var member = input.Team.FirstOrDefault(m => m.AgentId == candidate.AgentId)
            ?? throw new ArgumentException($"Agent {candidate.AgentId} is not in the team.", nameof(input));
        var approved = input.Ledger.Where(b => b.IsApproved && b.RequestId != candidate.RequestId).ToList();
        var days = candidate.Period.EachDay().Where(d => member.Pattern.IsWorkingDay(d) && candidate.Period.FractionOn(d) > 0).ToList();
        var (verdicts, coverage) = Weigh(input, member, days, approved);

        var pending = input.Ledger
            .Where(b => !b.IsApproved && b.RequestId != candidate.RequestId && b.AgentId != candidate.AgentId && b.Period.Overlaps(candidate.Period))
            .ToList();
        PendingOutlook? outlook = null;
        if (pending.Count > 0)
        {
            var (pendingVerdicts, pendingCoverage) = Weigh(input, member, days, [.. approved, .. pending]);
            outlook = new PendingOutlook([.. pending.Select(p => p.RequestId)], pendingVerdicts, pendingCoverage);
        }

        var conflicts = input.AgentTasks
            .Where(t => days.Any(d => d >= t.First && d <= t.Last))
            .Select(t => new TaskConflict(t.TaskId, t.Title, t.EventId, t.First, t.Last))
            .ToList();
        return new LeaveEvaluation(verdicts, coverage, conflicts, outlook);
    }

    /// <summary>Every rule's verdict and the day-by-day coverage, the request counted on top of <paramref name="others"/>.</summary>
    private static (List<RuleVerdict> Verdicts, List<DayCoverage> Coverage) Weigh(LeaveEvaluationInput input, TeamMember member, List<DateOnly> days, List<BookedLeave> others)
    {
        var after = others.Append(input.Candidate).ToList();
        var coverage = days.Select(d => Coverage(d, input, others, after)).ToList();
        var verdicts = new List<RuleVerdict>
        {
            CheckMinimums(input, member, days, others, after),
            CheckAbsenceCap(input, days, others),
            CheckBlackouts(input, days),
            CheckRecoveryInPeak(input, days),
            CheckContinuousSummerLeave(input, member, others.Where(b => b.IsApproved).ToList()),
        };
        return (verdicts, coverage);
    }

    private static DayCoverage Coverage(DateOnly day, LeaveEvaluationInput input, List<BookedLeave> before, List<BookedLeave> after)
    {
        var applicable = input.Rules.Minimums.Where(m => input.Season.Applies(m.During, day)).ToList();
        int? minimum = applicable.Where(m => m.Skill is null).Select(m => (int?)m.Count).Max();
        var skills = applicable
            .Where(m => m.Skill is not null)
            .GroupBy(m => m.Skill!, StringComparer.Ordinal)
            .Select(g => new SkillCoverage(g.Key, TeamCoverage.OnDuty(day, input.Team, before, g.Key), TeamCoverage.OnDuty(day, input.Team, after, g.Key), g.Max(m => m.Count)))
            .ToList();
        return new DayCoverage(day, TeamCoverage.Scheduled(day, input.Team), TeamCoverage.OnDuty(day, input.Team, before), TeamCoverage.OnDuty(day, input.Team, after), minimum, skills);
    }

    private static RuleVerdict CheckMinimums(LeaveEvaluationInput input, TeamMember member, List<DateOnly> days, List<BookedLeave> before, List<BookedLeave> after)
    {
        if (input.Rules.Minimums.Count == 0)
        {
            return Pass(MinimumStaffing, "Aucun effectif minimum n'est fixé pour cette équipe.");
        }

        // One reason per run of consecutive requested days with the same numbers, not one per day.
        var shortDays = new List<(DateOnly Day, int Present, int Was, MinimumStaffing Minimum)>();
        foreach (var day in days)
        {
            foreach (var minimum in input.Rules.Minimums.Where(m => input.Season.Applies(m.During, day) && member.Has(m.Skill)))
            {
                var present = TeamCoverage.OnDuty(day, input.Team, after, minimum.Skill);
                if (present < minimum.Count)
                {
                    shortDays.Add((day, present, TeamCoverage.OnDuty(day, input.Team, before, minimum.Skill), minimum));
                }
            }
        }

        var failures = new List<Reason>();
        foreach (var group in shortDays.GroupBy(s => s.Minimum))
        {
            foreach (var run in Runs(days, [.. group], s => s.Day, s => (s.Present, s.Was)))
            {
                var (first, last) = (run[0], run[^1]);
                var who = group.Key.Skill is null ? string.Empty : $" ayant la compétence « {group.Key.Skill} »";
                var when = first.Day == last.Day ? $"Le {LeaveText.Day(first.Day)}" : $"Du {LeaveText.Day(first.Day)} au {LeaveText.Day(last.Day)} ({run.Count} jours travaillés), chaque jour";
                failures.Add(new Reason(MinimumStaffing, $"{when}, {LeaveText.Remaining(first.Present)}{who} (contre {first.Was} sans cette demande) pour un minimum de {group.Key.Count}."));
            }
        }

        return failures.Count > 0
            ? new RuleVerdict(MinimumStaffing, false, failures)
            : Pass(MinimumStaffing, "L'effectif minimum reste assuré chaque jour demandé.");
    }

    private static RuleVerdict CheckAbsenceCap(LeaveEvaluationInput input, List<DateOnly> days, List<BookedLeave> before)
    {
        if (input.Rules.MaxSimultaneousAbsences is not { } cap)
        {
            return Pass(MaxSimultaneousAbsences, "Aucun plafond d'absences simultanées n'est fixé.");
        }

        var overCap = days
            .Where(d => input.Season.Applies(cap.During, d))
            .Select(d => (Day: d, Absent: TeamCoverage.Absent(d, before.Where(b => b.AgentId != input.Candidate.AgentId)) + 1))
            .Where(x => x.Absent > cap.Count)
            .ToList();
        var failures = Runs(days, overCap, x => x.Day, x => x.Absent)
            .Select(run => new Reason(MaxSimultaneousAbsences, run.Count == 1
                ? $"Le {LeaveText.Day(run[0].Day)}, {LeaveText.Agents(run[0].Absent)} seraient absents pour un maximum de {cap.Count}."
                : $"Du {LeaveText.Day(run[0].Day)} au {LeaveText.Day(run[^1].Day)} ({run.Count} jours travaillés), {LeaveText.Agents(run[0].Absent)} seraient absents chaque jour pour un maximum de {cap.Count}."))
            .ToList();
        return failures.Count > 0
            ? new RuleVerdict(MaxSimultaneousAbsences, false, failures)
            : Pass(MaxSimultaneousAbsences, $"Au plus {cap.Count} absences simultanées : respecté.");
    }

    private static RuleVerdict CheckBlackouts(LeaveEvaluationInput input, List<DateOnly> days)
    {
        var windows = input.Rules.Blackouts.Concat(input.DerivedBlackouts).ToList();
        if (windows.Count == 0)
        {
            return Pass(Blackout, "Aucune période de fermeture aux congés ne concerne l'équipe.");
        }

        var failures = windows
            .Select(w => (Window: w, Days: days.Where(w.Contains).ToList()))
            .Where(x => x.Days.Count > 0)
            .Select(x => new Reason(Blackout, $"{Capitalised(LeaveText.Span(x.Days[0], x.Days[^1]))} : période fermée aux congés « {x.Window.Label} » ({LeaveText.Span(x.Window.First, x.Window.Last)})."))
            .ToList();
        return failures.Count > 0
            ? new RuleVerdict(Blackout, false, failures)
            : Pass(Blackout, "Aucun jour demandé n'est dans une période fermée aux congés.");
    }

    private static RuleVerdict CheckRecoveryInPeak(LeaveEvaluationInput input, List<DateOnly> days)
    {
        if (!input.Rules.RecoveryBlockedDuringPeak || input.Candidate.Kind != LeaveKind.Recovery)
        {
            return Pass(RecoveryInPeak, "Pas de récupération demandée en haute saison.");
        }

        var inPeak = days.Where(input.Season.InPeak).ToList();
        return inPeak.Count > 0
            ? new RuleVerdict(RecoveryInPeak, false, [new Reason(RecoveryInPeak, $"La récupération ne se prend pas en haute saison ({LeaveText.Span(inPeak[0], inPeak[^1])}) : les heures restent acquises pour après le pic.")])
            : Pass(RecoveryInPeak, "La récupération demandée est hors haute saison.");
    }

    private static RuleVerdict CheckContinuousSummerLeave(LeaveEvaluationInput input, TeamMember member, List<BookedLeave> approved)
    {
        if (input.Rules.MaxContinuousSummerLeaveDays is not { } max)
        {
            return Pass(MaxContinuousSummerLeave, "Aucune durée maximale de congé d'été continu n'est fixée.");
        }

        var candidate = input.Candidate.Period;
        if (!candidate.EachDay().Any(input.Season.InSeason))
        {
            return Pass(MaxContinuousSummerLeave, "La demande est hors de la saison.");
        }

        // Chain the agent's approved absences that touch the request, across days they do not work.
        var own = approved.Where(b => b.AgentId == member.AgentId).Select(b => b.Period).OrderBy(p => p.First).ToList();
        DateOnly first = candidate.First, last = candidate.Last;
        bool grew;
        do
        {
            grew = false;
            foreach (var period in own)
            {
                if (Touches(period.First, period.Last, first, last, member.Pattern))
                {
                    var (newFirst, newLast) = (period.First < first ? period.First : first, period.Last > last ? period.Last : last);
                    grew |= newFirst != first || newLast != last;
                    (first, last) = (newFirst, newLast);
                }
            }
        }
        while (grew);

        var length = last.DayNumber - first.DayNumber + 1;
        return length > max
            ? new RuleVerdict(MaxContinuousSummerLeave, false, [new Reason(MaxContinuousSummerLeave, $"Congé d'été continu de {length} jours ({LeaveText.Span(first, last)}) pour un maximum de {max} jours.")])
            : Pass(MaxContinuousSummerLeave, $"Congé d'été continu de {length} jours pour un maximum de {max}.");
    }

    /// <summary>Whether two spans overlap or only days off separate them.</summary>
    private static bool Touches(DateOnly aFirst, DateOnly aLast, DateOnly bFirst, DateOnly bLast, WorkPattern pattern)
    {
        if (aFirst <= bLast && bFirst <= aLast)
        {
            return true;
        }

        var (gapFrom, gapTo) = aLast < bFirst ? (aLast.AddDays(1), bFirst.AddDays(-1)) : (bLast.AddDays(1), aFirst.AddDays(-1));
        for (var d = gapFrom; d <= gapTo; d = d.AddDays(1))
        {
            if (pattern.IsWorkingDay(d))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Splits failing days into runs: items whose days follow each other in <paramref name="days"/> (the
    /// requested working days, so a weekend does not break a run) and share the same <paramref name="key"/>.
    /// </summary>
    private static List<List<T>> Runs<T, TKey>(List<DateOnly> days, List<T> items, Func<T, DateOnly> dayOf, Func<T, TKey> key)
    {
        var runs = new List<List<T>>();
        foreach (var item in items)
        {
            if (runs.Count > 0)
            {
                var previous = runs[^1][^1];
                if (days.IndexOf(dayOf(item)) == days.IndexOf(dayOf(previous)) + 1 && EqualityComparer<TKey>.Default.Equals(key(previous), key(item)))
                {
                    runs[^1].Add(item);
                    continue;
                }
            }

            runs.Add([item]);
        }

        return runs;
    }

    private static RuleVerdict Pass(string rule, string message) => new(rule, true, [new Reason(rule, message)]);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
