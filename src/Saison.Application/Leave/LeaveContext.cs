using Saison.Application.Contracts;
using Saison.Application.Persistence;
using Saison.Application.Staff;
using Saison.Domain.Calendar;
using Saison.Domain.Destinations;
using Saison.Domain.Leave;
using Saison.Domain.Staff;

namespace Saison.Application.Leave;

/// <summary>Everything the rules read about one team, loaded once per use case (the ledger is re-read on each attempt).</summary>
public sealed record TeamLeaveContext(
    int Season,
    SeasonWindow Window,
    Team Team,
    IReadOnlyList<AgentRecord> Agents,
    IReadOnlyList<TeamMember> Members,
    PresenceRules Rules,
    Azure.ETag? RulesETag,
    PublicHolidayCalendar Holidays)
{
    /// <summary>The team's agent with this id, if any.</summary>
    public AgentRecord? Agent(string agentId) => Agents.FirstOrDefault(a => a.Id == agentId);

    /// <summary>The days an agent works.</summary>
    public WorkPattern PatternOf(AgentRecord agent) => new(agent.WorkingDaysPerWeek, Holidays);

    /// <summary>Hours of a working day in the agent's nominal cycle: what a recovery day costs.</summary>
    public static decimal HoursPerDay(AgentRecord agent) => Math.Round(agent.WeeklyHours / agent.WorkingDaysPerWeek, 2);
}

/// <summary>
/// Loads a team's leave context: the season (from <see cref="ISeasons"/>), agents, presence rules,
/// and what the other areas know: crew tasks (<see cref="ICrewAssignments"/>) and the summer tourism
/// agenda (<see cref="ISeasonEvents"/>).
/// </summary>
public sealed class LeaveContextLoader(LeaveStore store, StaffDirectory directory, ISeasons seasons, ISeasonEvents events, ICrewAssignments crews, Destination destination)
{
    /// <summary>The season's bounds and peaks; null for an unknown season.</summary>
    public async Task<SeasonWindow?> WindowAsync(int season, CancellationToken cancellationToken = default)
    {
        var summary = await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false);
        return summary is null ? null : new SeasonWindow(summary.FirstDay, summary.LastDay, summary.Peaks);
    }

    /// <summary>A team's context; null for an unknown season or team.</summary>
    public async Task<TeamLeaveContext?> LoadAsync(int season, string teamId, CancellationToken cancellationToken = default)
    {
        var window = await WindowAsync(season, cancellationToken).ConfigureAwait(false);
        var team = await directory.FindTeamAsync(season, teamId, cancellationToken).ConfigureAwait(false);
        if (window is null || team is null)
        {
            return null;
        }

        var agents = (await directory.ListTeamAgentRecordsAsync(season, teamId, cancellationToken).ConfigureAwait(false))
            .Select(a => a.Value)
            .ToList();
        var rules = await store.Rules.GetAsync(LeaveStore.Partition(season, teamId), LeaveStore.RulesKey, cancellationToken).ConfigureAwait(false);
        return new TeamLeaveContext(
            season,
            window,
            team.Value,
            agents,
            [.. agents.Select(a => new TeamMember(a.Id, a.Skills, new WorkPattern(a.WorkingDaysPerWeek, destination.Holidays)))],
            rules?.Value.Rules ?? PresenceRules.None,
            rules?.ETag,
            destination.Holidays);
    }

    /// <summary>Crew tasks (planned or published) of the team's agents between two days.</summary>
    public async Task<IReadOnlyList<AssignedTask>> TasksAsync(TeamLeaveContext context, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ids = context.Agents.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return [.. (await crews.ListAsync(context.Season, from, to, cancellationToken).ConfigureAwait(false)).Where(t => ids.Contains(t.AgentId))];
    }

    /// <summary>
    /// Blackout windows around the summer tourism agenda events the team works on (an agent of the
    /// team has a crew task for the event), widened by the rules' margin.
    /// </summary>
    public async Task<IReadOnlyList<BlackoutWindow>> DerivedBlackoutsAsync(TeamLeaveContext context, DateRange around, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(around);
        if (context.Rules.DerivedBlackoutMarginDays is not { } margin)
        {
            return [];
        }

        // The team's tasks near the period name the events it works on; setup and teardown sit a
        // few days around their event, hence a week of slack beyond the margin.
        var tasks = await TasksAsync(context, around.First.AddDays(-margin - 7), around.Last.AddDays(margin + 7), cancellationToken).ConfigureAwait(false);
        var agenda = new List<AgendaEventDays>();
        foreach (var group in tasks.Where(t => t.EventId is not null).GroupBy(t => t.EventId!, StringComparer.Ordinal))
        {
            var summary = await events.FindAsync(context.Season, group.Key, cancellationToken).ConfigureAwait(false);
            if (summary is null || !summary.InTourismAgenda || summary.Status.Equals("cancelled", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var occurrences = summary.Occurrences.Count > 0 ? summary.Occurrences : [new EventOccurrence(summary.Start, summary.End)];
            agenda.AddRange(occurrences.Select(o => new AgendaEventDays(summary.Id, summary.Title, LocalDay(o.Start), LastLocalDay(o.Start, o.End))));
        }

        return DerivedBlackouts.From(agenda, margin);
    }

    /// <summary>An agent's crew tasks as local days and hours.</summary>
    public static IReadOnlyList<AgentTask> ToAgentTasks(IEnumerable<AssignedTask> tasks, string agentId) =>
        [.. tasks.Where(t => t.AgentId == agentId).Select(t => new AgentTask(t.TaskId, t.Title, t.EventId, LocalDay(t.Start), LastLocalDay(t.Start, t.End), (decimal)(t.End - t.Start).TotalHours))];

    private static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(at.DateTime);

    // Ends are exclusive: a task or all-day event ending at midnight ends the day before.
    private static DateOnly LastLocalDay(DateTimeOffset start, DateTimeOffset end) =>
        end <= start ? LocalDay(start) : DateOnly.FromDateTime(end.DateTime.AddTicks(-1));

    internal static Versioned<LeaveLedger> EmptyLedger(int season, string teamId) => new(LeaveLedger.Empty(season, teamId), default);
}
