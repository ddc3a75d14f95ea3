using Saison.Application.Contracts;
using Saison.Application.Finance;
using Saison.Domain.Finance;

namespace Saison.Application.Copil;

/// <summary>
/// The COPIL's money view of one season: what it cost (logistics granted, crew hours, entered lines), what it brought in (taxe de
/// séjour, tax on second homes, sponsors), who paid, and the envelopes à enveloppe constante. <see cref="SettingsEntered"/> is false
/// while the project cell has entered no rates nor tax grid (crew hours are then priced at 0 € and the taxes are missing).
/// </summary>
public sealed record CopilMoney(int Season, string City, DateOnly FirstDay, DateOnly LastDay, string TimeZoneId, bool SettingsEntered, SeasonAccounts Accounts)
{
    /// <summary>The days of haute saison.</summary>
    public int PeakDays { get; init; }
}

/// <summary>
/// Computes <see cref="CopilMoney"/> from records the areas maintain — claims and catalogue, the published crew schedule, agents,
/// events, and the finance records — never by running the allocator or the crew scheduler again.
/// </summary>
public sealed class CopilMoneyService(
    ISeasons seasons,
    ISeasonEvents events,
    ISeasonTonality tonality,
    IStaffDirectory staff,
    IStaffServices services,
    ICrewAssignments crews,
    ILogisticsCosts logistics,
    FinanceStore finance)
{
    /// <summary>The figures of the money view, each exportable as CSV under its name.</summary>
    public static IReadOnlyList<string> FigureNames { get; } = ["money-totals", "money-events", "money-themes", "money-sites", "money-services", "money-weeks", "money-envelopes", "money-budget-lines", "money-tax", "money-sponsors"];

    /// <summary>The money view, or null when the season does not exist.</summary>
    public async Task<CopilMoney?> ComputeAsync(int season, CancellationToken cancellationToken = default)
    {
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is not { } summary)
        {
            return null;
        }

        var programme = (await events.ListAsync(season, cancellationToken).ConfigureAwait(false))
            .Where(e => !string.Equals(e.Status, "cancelled", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var tone = await tonality.FindTonalityAsync(season, cancellationToken).ConfigureAwait(false);
        var agents = (await staff.ListAgentsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var serviceNames = (await services.ListServicesAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        var tasks = await crews.ListAsync(season, new DateOnly(summary.FirstDay.Year, 1, 1), new DateOnly(summary.LastDay.Year, 12, 31), cancellationToken).ConfigureAwait(false);
        var settings = await finance.GetSettingsAsync(season, cancellationToken).ConfigureAwait(false);
        var costLines = await finance.ListCostLinesAsync(season, cancellationToken).ConfigureAwait(false);
        var sponsorships = await finance.ListSponsorshipsAsync(season, cancellationToken).ConfigureAwait(false);
        var kept = programme.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        var input = new AccountsInput(
            summary.FirstDay,
            summary.LastDay,
            [.. programme.Select(e => new AccountEvent(e.Id, e.Title, e.SiteId, e.SiteName, e.Themes, e.ExpectedAttendance))],
            tone is null ? [] : [.. tone.Themes.Select(t => (t.Id, t.Name))],
            serviceNames,
            [.. (await logistics.ListLineCostsAsync(season, cancellationToken).ConfigureAwait(false)).Where(l => kept.Contains(l.EventId))],
            [
                .. tasks.Where(t => agents.ContainsKey(t.AgentId)).Select(t =>
                {
                    var agent = agents[t.AgentId];
                    return new CrewWork(agent.Id, agent.ServiceId, agent.Cycle, agent.WeeklyHours, t.Skill, t.EventId is { } id && kept.Contains(id) ? id : null, t.Start, t.End);
                }),
            ],
            [.. costLines.Select(c => c.Value).Where(c => c.EventId is null || kept.Contains(c.EventId))],
            [.. sponsorships.Select(s => s.Value).Where(s => kept.Contains(s.EventId))],
            settings?.Value ?? FinanceSettings.Empty,
            await logistics.ListEnvelopeAmountsAsync(season, cancellationToken).ConfigureAwait(false));
        return new CopilMoney(season, summary.City, summary.FirstDay, summary.LastDay, summary.TimeZoneId, settings is not null, SeasonAccounts.Compute(input))
        {
            PeakDays = summary.Peaks.Sum(p => p.Last.DayNumber - p.First.DayNumber + 1),
        };
    }
}
