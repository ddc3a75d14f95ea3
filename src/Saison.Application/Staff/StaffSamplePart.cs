using Saison.Application.Samples;
using Saison.Domain.Staff;

namespace Saison.Application.Staff;

/// <summary>Loads the sample services, teams and agents from <c>staff.json</c> (upserts by stable ids).</summary>
public sealed class StaffSamplePart(StaffDirectory directory) : ISampleSeasonPart
{
    /// <summary>The sample file read.</summary>
    public const string FileName = "staff.json";

    /// <summary>After the season itself, before crews and leave that refer to agents.</summary>
    public int Order => 20;

    /// <summary>The part's name in the sample marker.</summary>
    public string Name => "staff";

    /// <summary>Upserts the sample skills' names, services, teams and agents.</summary>
    public async Task LoadAsync(SampleSeasonContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.PathOf(FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var sample = await SampleFiles.ReadAsync<StaffSample>(path, cancellationToken).ConfigureAwait(false);

        foreach (var skill in sample.Skills ?? [])
        {
            await directory.UpsertSkillAsync(context.Season, skill, cancellationToken).ConfigureAwait(false);
        }

        foreach (var service in sample.Services)
        {
            await directory.UpsertServiceAsync(context.Season, service, cancellationToken).ConfigureAwait(false);
        }

        foreach (var team in sample.Teams)
        {
            await directory.UpsertAsync(context.Season, team, cancellationToken).ConfigureAwait(false);
        }

        var teams = sample.Teams.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var agent in sample.Agents)
        {
            var team = teams.GetValueOrDefault(agent.TeamId) ?? throw new InvalidDataException($"{path}: agent {agent.Id} names unknown team {agent.TeamId}.");
            await directory.UpsertAsync(
                context.Season,
                new AgentRecord(agent.Id, agent.Name, team.Id, team.ServiceId, agent.Skills, agent.Cycle, agent.WeeklyHours, agent.WorkingDaysPerWeek, agent.RttDays, agent.SummerWeeklyHours, agent.WinterWeeklyHours),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record StaffSample(IReadOnlyList<Skill>? Skills, IReadOnlyList<Service> Services, IReadOnlyList<Team> Teams, IReadOnlyList<SampleAgent> Agents);

    private sealed record SampleAgent(
        string Id,
        string Name,
        string TeamId,
        IReadOnlyList<string> Skills,
        WorkCycleKind Cycle,
        decimal WeeklyHours,
        int WorkingDaysPerWeek,
        int RttDays,
        decimal? SummerWeeklyHours,
        decimal? WinterWeeklyHours);
}
