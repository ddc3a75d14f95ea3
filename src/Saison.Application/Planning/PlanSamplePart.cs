using Saison.Application.Samples;
using Saison.Application.Seasons;
using Saison.Domain.Planning;

namespace Saison.Application.Planning;

/// <summary>
/// Loads the default reverse-plan templates (<c>plan-templates.json</c>), generates the season's
/// and every sample event's plan from the day each was proposed, then applies the sample progress
/// (<c>plan-progress.json</c>). Runs after the season part; loading twice gives the same plan.
/// </summary>
public sealed class PlanSamplePart : ISampleSeasonPart
{
    private readonly SeasonTables _tables;
    private readonly TimeProvider _time;
    private readonly Saison.Domain.Destinations.Destination _destination;

    public PlanSamplePart(SeasonTables tables, TimeProvider time, Saison.Domain.Destinations.Destination destination)
    {
        _destination = destination;
        _tables = tables;
        _time = time;
    }

    public int Order => 10;

    public string Name => "plan";

    public async Task LoadAsync(SampleSeasonContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var partition = SeasonTables.Key(context.Season);
        var season = (await _tables.Seasons.GetAsync(SeasonTables.SeasonPartition, partition, cancellationToken).ConfigureAwait(false))?.Value
            ?? throw new InvalidOperationException($"The sample season {context.Season} must load before its plan.");
        var file = await SampleFiles.ReadAsync<TemplatesFile>(context.PathOf("plan-templates.json"), cancellationToken).ConfigureAwait(false);
        foreach (var template in file.Templates)
        {
            await _tables.Templates.UpsertAsync(partition, SeasonTables.TemplateKey(template.Id), template, cancellationToken).ConfigureAwait(false);
        }

        var progress = File.Exists(context.PathOf("plan-progress.json"))
            ? (await SampleFiles.ReadAsync<ProgressFile>(context.PathOf("plan-progress.json"), cancellationToken).ConfigureAwait(false)).Done
            : [];
        var doneById = progress.ToDictionary(p => p.MilestoneId, StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        var seasonTemplate = file.Templates.Single(t => t.Id == PlanTemplateRules.SeasonTemplateId);
        var seasonPlan = ReversePlanner.Generate(seasonTemplate, season.Year, null, season.Bounds.First, season.Bounds.Last, file.SeasonPlanFrom, null, now, _destination.WorkingDays);
        await _tables.WritePlanAsync(season.Year, SeasonTables.SeasonPlanKey, Apply(seasonPlan, doneById, now), null, now, cancellationToken: cancellationToken).ConfigureAwait(false);

        var events = await _tables.Events.ListAsync(partition, SeasonTables.EventPrefix, cancellationToken).ConfigureAwait(false);
        foreach (var e in events.Select(v => v.Value))
        {
            var template = PlanTemplateRules.Choose(file.Templates, e.Kind, e.Size);
            if (template is null)
            {
                continue;
            }

            var plan = ReversePlanner.Generate(template, season.Year, e.Id, e.FirstDay, e.LastDay, e.ProposedOn, null, now, _destination.WorkingDays);
            await _tables.WritePlanAsync(season.Year, SeasonTables.PlanKey(e.Id), Apply(plan, doneById, now), null, now, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static EventPlan Apply(EventPlan plan, Dictionary<string, DoneMark> done, DateTimeOffset now) =>
        plan.Milestones.Any(m => done.ContainsKey(m.Id))
            ? plan.WithMilestones([.. plan.Milestones.Select(m => done.TryGetValue(m.Id, out var mark) ? m.MarkDone(mark.DoneOn, mark.DoneBy) : m)], now)
            : plan;

    private sealed record TemplatesFile(DateOnly SeasonPlanFrom, IReadOnlyList<PlanTemplate> Templates);

    private sealed record ProgressFile(IReadOnlyList<DoneMark> Done);

    private sealed record DoneMark(string MilestoneId, DateOnly DoneOn, string DoneBy);
}
