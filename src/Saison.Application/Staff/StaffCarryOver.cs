using Saison.Application.Seasons;
using Saison.Domain.Staff;

namespace Saison.Application.Staff;

/// <summary>The previous season's skills' names, services, teams and agents, as they were.</summary>
public sealed class StaffCarryOver(StaffDirectory directory) : ISeasonCarryOverPart
{
    /// <summary>Before crews and presence rules, which refer to agents and teams.</summary>
    public int Order => 20;

    public string Name => "staff";

    public async Task<int> CarryOverAsync(SeasonCarryOverContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (from, to) = (context.From.Year, context.Target.Year);
        var skills = await directory.SkillNamesAsync(from, cancellationToken).ConfigureAwait(false);
        foreach (var (id, name) in skills)
        {
            await directory.UpsertSkillAsync(to, new Skill(id, name), cancellationToken).ConfigureAwait(false);
        }

        var services = await directory.ListServicesAsync(from, cancellationToken).ConfigureAwait(false);
        foreach (var service in services)
        {
            await directory.UpsertServiceAsync(to, service, cancellationToken).ConfigureAwait(false);
        }

        var teams = await directory.ListTeamsAsync(from, cancellationToken).ConfigureAwait(false);
        foreach (var team in teams)
        {
            await directory.UpsertAsync(to, team, cancellationToken).ConfigureAwait(false);
        }

        var agents = await directory.ListAgentRecordsAsync(from, cancellationToken).ConfigureAwait(false);
        foreach (var agent in agents)
        {
            await directory.UpsertAsync(to, agent.Value, cancellationToken).ConfigureAwait(false);
        }

        return skills.Count + services.Count + teams.Count + agents.Count;
    }
}
