using Saison.Domain.Calendar;

namespace Saison.Domain.Planning;

/// <summary>
/// Plans backwards from an event's (or the season's) dates: each milestone falls the template's
/// number of working days before (or after) its anchor — weekends and the destination's public holidays
/// skipped by moving earlier —, never before the plan's first day nor before a predecessor plus
/// its lag. When that pushes a milestone later than the template wants, it is compressed and the
/// plan says by how many working days, instead of giving a date in the past.
/// </summary>
public static class ReversePlanner
{
    /// <summary>
    /// Generates (or recomputes) a plan. Done milestones of <paramref name="previous"/> are kept as
    /// they are; open ones are computed again from the anchors, never earlier than
    /// <paramref name="earliest"/> (the day the plan is made: proposal or move).
    /// </summary>
    public static EventPlan Generate(PlanTemplate template, int season, string? eventId, DateOnly startAnchor, DateOnly endAnchor, DateOnly earliest, EventPlan? previous, DateTimeOffset at, WorkingDays workingDays)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(workingDays);
        if (endAnchor < startAnchor)
        {
            throw new ArgumentException("The end anchor precedes the start anchor.", nameof(endAnchor));
        }

        var order = PlanTemplateRules.TopologicalOrder(template.Milestones) ?? throw new ArgumentException("The template has a cycle.", nameof(template));
        var kept = (previous?.Milestones ?? []).Where(m => m.IsDone).ToDictionary(m => m.Key, StringComparer.Ordinal);
        var effective = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var floor = workingDays.NextOrSame(earliest);
        var prefix = eventId ?? PlanTemplateRules.SeasonTemplateId;
        var milestones = new List<Milestone>();
        foreach (var m in order)
        {
            if (kept.Remove(m.Key, out var done))
            {
                milestones.Add(done);
                effective[m.Key] = done.DoneOn!.Value;
                continue;
            }

            var ideal = workingDays.Add(m.Anchor == MilestoneAnchor.Start ? startAnchor : endAnchor, m.Offset);
            var due = ideal;
            var cause = CompressionCause.None;
            if (floor > due)
            {
                due = floor;
                cause = CompressionCause.LateStart;
            }

            foreach (var p in m.Predecessors)
            {
                var after = workingDays.Add(effective[p.Key], p.LagWorkingDays);
                if (after > due)
                {
                    due = after;
                    cause = CompressionCause.Predecessor;
                }
            }

            effective[m.Key] = due;
            milestones.Add(new Milestone($"{prefix}.{m.Key}", m.Key, m.Title, m.Owner, m.Deliverable, m.Offset, m.Anchor, m.Predecessors, ideal, due, workingDays.Between(ideal, due), cause) { DoneWhen = m.DoneWhen });
        }

        // Done milestones the new template no longer names stay in the record: work done is never lost.
        milestones.AddRange(kept.Values);
        return new EventPlan(season, eventId, template.Id, template.Revision, startAnchor, endAnchor, milestones, previous?.Cancelled ?? false, (previous?.Revision ?? 0) + 1, at);
    }
}
