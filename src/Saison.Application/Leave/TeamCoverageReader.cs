using Saison.Application.Contracts;

namespace Saison.Application.Leave;

/// <summary>Coverage per team and day for other areas (<see cref="ITeamCoverage"/>): counts only, never who is away.</summary>
public sealed class TeamCoverageReader(TeamRulesAndCoverage coverage) : ITeamCoverage
{
    public async Task<IReadOnlyList<TeamDayCoverage>> ListCoverageAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var result = await coverage.CoverageAsync(season, from, to, teamId: null, cancellationToken).ConfigureAwait(false);
        if (result.Value is not { } view)
        {
            return [];
        }

        return
        [
            .. view.Teams.SelectMany(t => t.Days.Select(d => new TeamDayCoverage(t.TeamId, t.TeamName, d.Date, d.Scheduled, d.OnDuty, d.Absent, d.Minimum, d.BelowMinimum))),
        ];
    }
}
