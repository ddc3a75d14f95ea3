using Saison.Application.Contracts;

namespace Saison.Application.Seasons;

/// <summary>The season's tonality and COPIL decisions as the COPIL dashboard reads them (<see cref="ISeasonTonality"/>).</summary>
public sealed class SeasonTonalityReader(SeasonService seasons) : ISeasonTonality
{
    public async Task<TonalitySummary?> FindTonalityAsync(int season, CancellationToken cancellationToken = default)
    {
        if (await seasons.GetAsync(season, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var value = record.Value;
        return new TonalitySummary(
            value.Year,
            [.. value.Tonality.Themes.Select(t => new ThemeTargetSummary(t.Id, t.Name, t.TargetShare))],
            value.Tonality.Priorities,
            [.. value.Decisions.Select(d => new CopilDecisionSummary(d.Id, d.Date, d.Text, d.RecordedBy))]);
    }
}
