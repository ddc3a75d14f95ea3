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
                && calendar.Member.Skills.Contains(task.Skill) && calendar.Check(task) == AgentCalendar.Free)
            {
                calendar.Add(task);
                assignments[task.Id] = new CrewAssignment(task.Id, agentId, calendar.Member.CrewId);
                kept++;
            }
        }

        var unstaffed = new List<UnstaffedTask>();
        var cursors = new Dictionary<string, int>(StringComparer.Ordinal);
        var refusals = new int[AgentCalendar.Codes.Length];
        var hopeless = new Dictionary<(string, long, long), List<Reason>>();
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

            // Work only accumulates, so a slot nobody could take stays untakeable: the same reasons apply.
            var slot = (task.Skill, task.Start.UtcTicks, task.End.UtcTicks);
            if (hopeless.TryGetValue(slot, out var known))
            {
                unstaffed.Add(new UnstaffedTask(task, known));
                continue;
            }

            Array.Clear(refusals);
            var start = cursors.GetValueOrDefault(task.Skill);
            AgentCalendar? chosen = null;
            for (var n = 0; n < candidates.Count; n++)
            {
                var candidate = candidates[(start + n) % candidates.Count];
                var refusal = candidate.Check(task);
                if (refusal == AgentCalendar.Free)
                {
                    chosen = candidate;
                    cursors[task.Skill] = (start + n + 1) % candidates.Count;
                    break;
                }

                refusals[refusal]++;
            }

            if (chosen is null)
            {
                var why = WhyUnstaffed(task, candidates.Count, refusals, rules);
                hopeless[slot] = why;
                unstaffed.Add(new UnstaffedTask(task, why));
                continue;
            }

            chosen.Add(task);
            assignments[task.Id] = new CrewAssignment(task.Id, chosen.Member.AgentId, chosen.Member.CrewId);
        }

        var moved = order.Count(t => published.TryGetValue(t.Id, out var before) && (!assignments.TryGetValue(t.Id, out var now) || now.AgentId != before));
        return new CrewSchedule([.. order.Where(t => assignments.ContainsKey(t.Id)).Select(t => assignments[t.Id])], unstaffed, kept, moved);
    }

    private static List<Reason> WhyUnstaffed(CrewTask task, int candidates, int[] refusals, WorkingTimeRules rules)
    {
        if (refusals[AgentCalendar.Absent] == candidates)
        {
            return [new Reason("all-absent", string.Format(CultureInfo.InvariantCulture, "Les {0} agents ayant la compétence « {1} » sont tous en congé ou absents sur ce créneau.", candidates, task.Skill))];
        }

        var reasons = new List<Reason>();
        for (var code = 1; code < refusals.Length; code++)
        {
            if (refusals[code] == 0)
            {
                continue;
            }

            var why = code switch
            {
                AgentCalendar.Absent => "en congé ou absents",
                AgentCalendar.Busy => "déjà affectés à une autre tâche",
                AgentCalendar.DailyMax => string.Format(CultureInfo.InvariantCulture, "au-delà de {0:0.##} h de travail dans la journée", rules.MaxDaily.TotalHours),
                AgentCalendar.WeeklyMax => string.Format(CultureInfo.InvariantCulture, "au-delà de {0:0.##} h de travail dans la semaine", rules.MaxWeekly.TotalHours),
                AgentCalendar.DailyRest => string.Format(CultureInfo.InvariantCulture, "sans {0:0.##} h de repos quotidien", rules.DailyRest.TotalHours),
                _ => string.Format(CultureInfo.InvariantCulture, "sans {0:0.##} h de repos hebdomadaire", rules.WeeklyRest.TotalHours),
            };
            reasons.Add(new Reason(AgentCalendar.Codes[code], string.Format(CultureInfo.InvariantCulture, "{0} agent(s) sur {1} ayant la compétence « {2} » : {3}.", refusals[code], candidates, task.Skill, why)));
        }

        return reasons;
    }

    /// <summary>One agent's absences and work (UTC ticks, kept sorted), with minutes per local day and week.</summary>
    private sealed class AgentCalendar
    {
        public const int Free = 0;
        public const int Absent = 1;
        public const int Busy = 2;
        public const int DailyMax = 3;
        public const int WeeklyMax = 4;
        public const int DailyRest = 5;
        public const int WeeklyRest = 6;

        /// <summary>The reason codes, by refusal number.</summary>
        public static readonly string[] Codes = ["", "absent", "busy", "daily-max", "weekly-max", "daily-rest", "weekly-rest"];

        private readonly long _maxDaily;
        private readonly long _maxWeekly;
        private readonly long _dailyRest;
        private readonly long _weeklyRest;
        private readonly long _maxDuty;
        private readonly List<long> _starts = [];
        private readonly List<long> _ends = [];
        private readonly Dictionary<int, long> _daily = [];
        private readonly Dictionary<int, long> _weekly = [];
        private (long Start, long End)[] _absences = [];
        private long _longestTask;

        public AgentCalendar(CrewMember member, WorkingTimeRules rules)
        {
            Member = member;
            _maxDaily = rules.MaxDaily.Ticks;
            _maxWeekly = rules.MaxWeekly.Ticks;
            _dailyRest = rules.DailyRest.Ticks;
            _weeklyRest = rules.WeeklyRest.Ticks;
            _maxDuty = rules.MaxDutySpan.Ticks;
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

        /// <summary>Why the agent cannot take the task (a refusal number), or <see cref="Free"/> when they can. Cheapest checks first.</summary>
        public int Check(CrewTask task)
        {
            var start = task.Start.UtcTicks;
            var end = task.End.UtcTicks;
            if (IsAbsent(start, end))
            {
                return Absent;
            }

            var at = LowerBound(start);
            if ((at > 0 && _ends[at - 1] > start) || (at < _starts.Count && _starts[at] < end))
            {
                return Busy;
            }

            // Local days and weeks: the task's own offset places it on the wall clock.
            var offset = task.Start.Offset.Ticks;
            for (var cursor = start; cursor < end;)
            {
                var local = cursor + offset;
                var day = (int)(local / TimeSpan.TicksPerDay);
                var until = Math.Min(end, ((long)(day + 1) * TimeSpan.TicksPerDay) - offset);
                var part = until - cursor;
                if (_daily.GetValueOrDefault(day) + part > _maxDaily)
                {
                    return DailyMax;
                }

                if (_weekly.GetValueOrDefault(WeekOf(day)) + part > _maxWeekly)
                {
                    return WeeklyMax;
                }

                cursor = until;
            }

            // The duty the task joins: neighbours closer than the daily rest belong to it.
            var dutyStart = start;
            var dutyEnd = end;
            for (var i = at - 1; i >= 0 && dutyStart - _ends[i] < _dailyRest; i--)
            {
                dutyStart = Math.Min(dutyStart, _starts[i]);
            }

            for (var i = at; i < _starts.Count && _starts[i] - dutyEnd < _dailyRest; i++)
            {
                dutyEnd = Math.Max(dutyEnd, _ends[i]);
            }

            if (dutyEnd - dutyStart > _maxDuty)
            {
                return DailyRest;
            }

            var firstWeek = WeekOf((int)((start + offset) / TimeSpan.TicksPerDay));
            var lastWeek = WeekOf((int)((end - 1 + offset) / TimeSpan.TicksPerDay));
            for (var monday = firstWeek; monday <= lastWeek; monday += 7)
            {
                if (!HasWeeklyRestWith(start, end, ((long)monday * TimeSpan.TicksPerDay) - offset))
                {
                    return WeeklyRest;
                }
            }

            return Free;
        }

        public void Add(CrewTask task)
        {
            var start = task.Start.UtcTicks;
            var end = task.End.UtcTicks;
            var at = LowerBound(start);
            _starts.Insert(at, start);
            _ends.Insert(at, end);
            _longestTask = Math.Max(_longestTask, end - start);
            var offset = task.Start.Offset.Ticks;
            for (var cursor = start; cursor < end;)
            {
                var day = (int)((cursor + offset) / TimeSpan.TicksPerDay);
                var until = Math.Min(end, ((long)(day + 1) * TimeSpan.TicksPerDay) - offset);
                _daily[day] = _daily.GetValueOrDefault(day) + (until - cursor);
                var week = WeekOf(day);
                _weekly[week] = _weekly.GetValueOrDefault(week) + (until - cursor);
                cursor = until;
            }
        }

        /// <summary>The Monday (days since 0001-01-01, a Monday) of a day number.</summary>
        private static int WeekOf(int day) => day - (day % 7);

        /// <summary>Whether the week starting at <paramref name="weekStart"/> keeps a full weekly rest once the task is added (rest clipped to the week).</summary>
        private bool HasWeeklyRestWith(long start, long end, long weekStart)
        {
            var weekEnd = weekStart + (7 * TimeSpan.TicksPerDay);
            var cursor = weekStart;
            var longest = 0L;
            var pending = true;
            for (var i = LowerBound(weekStart - Math.Max(_longestTask, 1)); ; i++)
            {
                long s, e;
                if (pending && (i >= _starts.Count || start <= _starts[i]))
                {
                    (s, e) = (start, end);
                    pending = false;
                    i--;
                }
                else if (i < _starts.Count && _starts[i] < weekEnd)
                {
                    (s, e) = (_starts[i], _ends[i]);
                }
                else
                {
                    break;
                }

                if (e <= weekStart || s >= weekEnd)
                {
                    continue;
                }

                if (s > cursor)
                {
                    longest = Math.Max(longest, s - cursor);
                    if (longest >= _weeklyRest)
                    {
                        return true;
                    }
                }

                cursor = Math.Max(cursor, e);
            }

            return Math.Max(longest, weekEnd - cursor) >= _weeklyRest;
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
            int low = 0, high = _starts.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (_starts[mid] < ticks)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }
}
