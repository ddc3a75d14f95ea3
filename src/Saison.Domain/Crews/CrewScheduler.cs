using System.Globalization;
using Saison.Domain.Decisions;

namespace Saison.Domain.Crews;

/// <summary>A crew member as the scheduler sees them: their crew and skills.</summary>
public sealed record CrewMember(string AgentId, string CrewId, IReadOnlySet<string> Skills);

/// <summary>An approved absence (leave, recovery time): the agent cannot work from start to end.</summary>
public sealed record AgentAbsence(string AgentId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A task given to an agent of a crew.</summary>
public sealed record CrewAssignment(string TaskId, string AgentId, string CrewId);

/// <summary>A task nobody could take, and why.</summary>
public sealed record UnstaffedTask(CrewTask Task, IReadOnlyList<Reason> Reasons);

/// <summary>
/// A crew schedule: who does what, what could not be staffed, and against the previous published
/// schedule how many assignments were kept and how many moved.
/// </summary>
public sealed record CrewSchedule(IReadOnlyList<CrewAssignment> Assignments, IReadOnlyList<UnstaffedTask> Unstaffed, int Kept, int Moved);

/// <summary>
/// Assigns crew tasks to agents with the skill: agenda tasks first (then city, then the others,
/// each by start), never on approved leave, within the working-time guarantees. Re-planning keeps
/// every published assignment that is still valid before placing anything else, so a change
/// moves as few published assignments as possible.
/// </summary>
/// <remarks>
/// Each agent keeps its work sorted with hours per day and per week, so checking a candidate costs
/// O(log n) plus the few tasks of its duty and week; candidates are tried round-robin per skill,
/// which spreads the load and usually finds someone in a few tries.
/// </remarks>
public static class CrewScheduler
{
    public static CrewSchedule Plan(
        IReadOnlyList<CrewTask> tasks,
        IReadOnlyList<CrewMember> members,
        IReadOnlyList<AgentAbsence> absences,
        IReadOnlyDictionary<string, string>? published = null,
        WorkingTimeRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(absences);
        rules ??= WorkingTimeRules.PublicService;
        published ??= new Dictionary<string, string>();

        var agents = new Dictionary<string, AgentCalendar>(StringComparer.Ordinal);
        var calendars = new List<AgentCalendar>();
        foreach (var member in members)
        {
            if (!agents.ContainsKey(member.AgentId))
            {
                var calendar = new AgentCalendar(member, rules);
                agents.Add(member.AgentId, calendar);
                calendars.Add(calendar);
            }
        }

        foreach (var group in absences.GroupBy(a => a.AgentId))
        {
            if (agents.TryGetValue(group.Key, out var calendar))
            {
                calendar.SetAbsences(group);
            }
        }

        var bySkill = new Dictionary<string, List<AgentCalendar>>(StringComparer.Ordinal);
        foreach (var calendar in calendars)
        {
            foreach (var skill in calendar.Member.Skills)
            {
                if (!bySkill.TryGetValue(skill, out var list))
                {
                    bySkill[skill] = list = [];
                }

                list.Add(calendar);
            }
        }

        var order = tasks.ToArray();
        Array.Sort(order, (x, y) =>
        {
            var c = x.Priority.CompareTo(y.Priority);
            if (c == 0)
            {
                c = x.Start.UtcTicks.CompareTo(y.Start.UtcTicks);
            }

            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        });

        var assignments = new Dictionary<string, CrewAssignment>(StringComparer.Ordinal);
        var kept = 0;

        // Published assignments that still hold are kept first: re-planning moves only what must move.
        foreach (var task in order)
        {
            if (published.TryGetValue(task.Id, out var agentId) && agents.TryGetValue(agentId, out var calendar)
                && calendar.Member.Skills.Contains(task.Skill) && calendar.Check(task) is null)
            {
                calendar.Add(task);
                assignments[task.Id] = new CrewAssignment(task.Id, agentId, calendar.Member.CrewId);
                kept++;
            }
        }

        var unstaffed = new List<UnstaffedTask>();
        var cursors = new Dictionary<string, int>(StringComparer.Ordinal);
        var refusals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in order)
        {
            if (assignments.ContainsKey(task.Id))
            {
                continue;
            }

            if (!bySkill.TryGetValue(task.Skill, out var candidates) || candidates.Count == 0)
            {
                unstaffed.Add(new UnstaffedTask(task, [new Reason("no-skill", string.Format(CultureInfo.InvariantCulture, "Aucun agent des équipes n'a la compétence « {0} ».", task.Skill))]));
                continue;
            }

            refusals.Clear();
            var start = cursors.GetValueOrDefault(task.Skill);
            AgentCalendar? chosen = null;
            for (var n = 0; n < candidates.Count; n++)
            {
                var candidate = candidates[(start + n) % candidates.Count];
                var refusal = candidate.Check(task);
                if (refusal is null)
                {
                    chosen = candidate;
                    cursors[task.Skill] = (start + n + 1) % candidates.Count;
                    break;
                }

                refusals[refusal] = refusals.GetValueOrDefault(refusal) + 1;
            }

            if (chosen is null)
            {
                unstaffed.Add(new UnstaffedTask(task, WhyUnstaffed(task, candidates.Count, refusals, rules)));
                continue;
            }

            chosen.Add(task);
            assignments[task.Id] = new CrewAssignment(task.Id, chosen.Member.AgentId, chosen.Member.CrewId);
        }

        var moved = order.Count(t => published.TryGetValue(t.Id, out var before) && (!assignments.TryGetValue(t.Id, out var now) || now.AgentId != before));
        return new CrewSchedule([.. order.Where(t => assignments.ContainsKey(t.Id)).Select(t => assignments[t.Id])], unstaffed, kept, moved);
    }

    private static List<Reason> WhyUnstaffed(CrewTask task, int candidates, Dictionary<string, int> refusals, WorkingTimeRules rules)
    {
        if (refusals.GetValueOrDefault(AgentCalendar.Absent) == candidates)
        {
            return [new Reason("all-absent", string.Format(CultureInfo.InvariantCulture, "Les {0} agents ayant la compétence « {1} » sont tous en congé ou absents sur ce créneau.", candidates, task.Skill))];
        }

        var reasons = new List<Reason>();
        foreach (var (code, count) in refusals.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var why = code switch
            {
                AgentCalendar.Absent => "en congé ou absents",
                AgentCalendar.Busy => "déjà affectés à une autre tâche",
                AgentCalendar.DailyMax => string.Format(CultureInfo.InvariantCulture, "au-delà de {0:0.##} h de travail dans la journée", rules.MaxDaily.TotalHours),
                AgentCalendar.WeeklyMax => string.Format(CultureInfo.InvariantCulture, "au-delà de {0:0.##} h de travail dans la semaine", rules.MaxWeekly.TotalHours),
                AgentCalendar.DailyRest => string.Format(CultureInfo.InvariantCulture, "sans {0:0.##} h de repos quotidien", rules.DailyRest.TotalHours),
                _ => string.Format(CultureInfo.InvariantCulture, "sans {0:0.##} h de repos hebdomadaire", rules.WeeklyRest.TotalHours),
            };
            reasons.Add(new Reason(code, string.Format(CultureInfo.InvariantCulture, "{0} agent(s) sur {1} ayant la compétence « {2} » : {3}.", count, candidates, task.Skill, why)));
        }

        return reasons;
    }

    /// <summary>One agent's absences and work, kept sorted, with hours per local day and week.</summary>
    private sealed class AgentCalendar
    {
        public const string Absent = "absent";
        public const string Busy = "busy";
        public const string DailyMax = "daily-max";
        public const string WeeklyMax = "weekly-max";
        public const string DailyRest = "daily-rest";
        public const string WeeklyRest = "weekly-rest";

        private readonly WorkingTimeRules _rules;
        private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _work = [];
        private readonly List<long> _starts = [];
        private readonly Dictionary<DateOnly, TimeSpan> _daily = [];
        private readonly Dictionary<DateOnly, TimeSpan> _weekly = [];
        private (long Start, long End)[] _absences = [];
        private long _longestTask;

        public AgentCalendar(CrewMember member, WorkingTimeRules rules)
        {
            Member = member;
            _rules = rules;
        }

        public CrewMember Member { get; }

        public void SetAbsences(IEnumerable<AgentAbsence> absences)
        {
            // Merged into disjoint sorted intervals so one binary search answers "is the agent away?".
            var merged = new List<(long Start, long End)>();
            foreach (var (s, e) in absences.Select(a => (a.Start.UtcTicks, a.End.UtcTicks)).Where(a => a.Item2 > a.Item1).OrderBy(a => a.Item1))
            {
                if (merged.Count > 0 && s <= merged[^1].End)
                {
                    merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, e));
                }
                else
                {
                    merged.Add((s, e));
                }
            }

            _absences = [.. merged];
        }

        /// <summary>Why the agent cannot take the task, or null when they can.</summary>
        public string? Check(CrewTask task)
        {
            var start = task.Start.UtcTicks;
            var end = task.End.UtcTicks;
            if (IsAbsent(start, end))
            {
                return Absent;
            }

            var at = LowerBound(start);
            if ((at > 0 && _work[at - 1].End.UtcTicks > start) || (at < _work.Count && _work[at].Start.UtcTicks < end))
            {
                return Busy;
            }

            foreach (var (day, part) in WorkingTimeRules.SplitByDay(task.Start, task.End))
            {
                if (_daily.GetValueOrDefault(day) + part > _rules.MaxDaily)
                {
                    return DailyMax;
                }

                if (_weekly.GetValueOrDefault(WorkingTimeRules.WeekOf(day)) + part > _rules.MaxWeekly)
                {
                    return WeeklyMax;
                }
            }

            // The duty the task joins: neighbours closer than the daily rest belong to it.
            var dutyStart = task.Start;
            var dutyEnd = task.End;
            for (var i = at - 1; i >= 0 && dutyStart - _work[i].End < _rules.DailyRest; i--)
            {
                dutyStart = _work[i].Start < dutyStart ? _work[i].Start : dutyStart;
            }

            for (var i = at; i < _work.Count && _work[i].Start - dutyEnd < _rules.DailyRest; i++)
            {
                dutyEnd = _work[i].End > dutyEnd ? _work[i].End : dutyEnd;
            }

            if (dutyEnd - dutyStart > _rules.MaxDutySpan)
            {
                return DailyRest;
            }

            var firstWeek = WorkingTimeRules.WeekOf(DateOnly.FromDateTime(task.Start.DateTime));
            var lastWeek = WorkingTimeRules.WeekOf(DateOnly.FromDateTime(task.End.AddTicks(-1).DateTime));
            for (var monday = firstWeek; monday <= lastWeek; monday = monday.AddDays(7))
            {
                if (LongestRestWith(task, monday) < _rules.WeeklyRest)
                {
                    return WeeklyRest;
                }
            }

            return null;
        }

        public void Add(CrewTask task)
        {
            var at = LowerBound(task.Start.UtcTicks);
            _work.Insert(at, (task.Start, task.End));
            _starts.Insert(at, task.Start.UtcTicks);
            _longestTask = Math.Max(_longestTask, task.Duration.Ticks);
            foreach (var (day, part) in WorkingTimeRules.SplitByDay(task.Start, task.End))
            {
                _daily[day] = _daily.GetValueOrDefault(day) + part;
                var monday = WorkingTimeRules.WeekOf(day);
                _weekly[monday] = _weekly.GetValueOrDefault(monday) + part;
            }
        }

        private TimeSpan LongestRestWith(CrewTask task, DateOnly monday)
        {
            var weekStart = new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), task.Start.Offset);
            var weekEnd = weekStart.AddDays(7);
            var from = LowerBound(weekStart.UtcTicks - Math.Max(_longestTask, 1));
            var week = new List<(DateTimeOffset Start, DateTimeOffset End)>();
            var inserted = false;
            for (var i = from; i < _work.Count && _work[i].Start < weekEnd; i++)
            {
                if (!inserted && task.Start <= _work[i].Start)
                {
                    week.Add((task.Start, task.End));
                    inserted = true;
                }

                week.Add(_work[i]);
            }

            if (!inserted)
            {
                week.Add((task.Start, task.End));
            }

            return WorkingTimeRules.LongestRestInWeek(week, monday, task.Start.Offset);
        }

        private bool IsAbsent(long start, long end)
        {
            int low = 0, high = _absences.Length;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (_absences[mid].Start < end)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low > 0 && _absences[low - 1].End > start;
        }

        private int LowerBound(long ticks)
        {
            var at = _starts.BinarySearch(ticks);
            if (at < 0)
            {
                return ~at;
            }

            while (at > 0 && _starts[at - 1] == ticks)
            {
                at--;
            }

            return at;
        }
    }
}
