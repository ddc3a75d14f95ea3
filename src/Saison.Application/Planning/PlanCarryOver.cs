using Saison.Application.Seasons;

namespace Saison.Application.Planning;

/// <summary>The reverse-plan templates of the previous season, and the new season's own milestones generated from them.</summary>
public sealed class PlanCarryOver(SeasonTables tables, PlanService plans) : ISeasonCarryOverPart
{
    /// <summary>Before the events, whose plans come from these templates.</summary>
    public int Order => 10;

    public string Name => "planTemplates";

    public async Task<int> CarryOverAsync(SeasonCarryOverContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var to = SeasonTables.Key(context.Target.Year);
        var templates = await plans.ListTemplatesAsync(context.From.Year, cancellationToken).ConfigureAwait(false);
        foreach (var template in templates)
        {
            await tables.Templates.UpsertAsync(to, SeasonTables.TemplateKey(template.Value.Id), template.Value, cancellationToken).ConfigureAwait(false);
        }

        await plans.RegenerateSeasonPlanAsync(context.Target, context.Today, cancellationToken).ConfigureAwait(false);
        return templates.Count;
    }
}
