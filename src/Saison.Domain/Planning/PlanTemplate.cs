using Saison.Domain.Decisions;
using Saison.Domain.Events;

namespace Saison.Domain.Planning;

/// <summary>What a milestone's offset counts from: the first day of the event (or season), or its last day.</summary>
public enum MilestoneAnchor
{
    /// <summary>The first day: « J-90 » before it.</summary>
    Start,

    /// <summary>The last day: debriefs and returns after it.</summary>
    End,
}

/// <summary>A milestone that must come first, and how many working days after it this one may fall due.</summary>
public sealed record MilestonePredecessor
{
    public MilestonePredecessor(string key, int lagWorkingDays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfNegative(lagWorkingDays);
        Key = key;
        LagWorkingDays = lagWorkingDays;
    }

    public string Key { get; }

    public int LagWorkingDays { get; }
}

/// <summary>
/// One milestone of a template: « J-90 ouvrés : demande logistique déposée », its owner (organiser,
/// project cell, a service: one of its destination's plan owners), predecessors and deliverable.
/// </summary>
public sealed record MilestoneTemplate
{
    public MilestoneTemplate(string key, string title, int offset, MilestoneAnchor anchor, string owner, IReadOnlyList<MilestonePredecessor>? predecessors, string deliverable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, -PlanTemplateRules.MaxOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, PlanTemplateRules.MaxOffset);
        Key = key;
        Title = title;
        Offset = offset;
        Anchor = anchor;
        Owner = owner;
        Predecessors = [.. predecessors ?? []];
        Deliverable = deliverable ?? string.Empty;
    }

    /// <summary>Stable key within the template (for example <c>arrete-circulation</c>).</summary>
    public string Key { get; }

    public string Title { get; }

    /// <summary>Working days from the anchor: negative before, positive after.</summary>
    public int Offset { get; }

    public MilestoneAnchor Anchor { get; }

    /// <summary>Who delivers it: the code of one of the destination's plan owners (<see cref="Destinations.PlanOwner"/>).</summary>
    public string Owner { get; }

    public IReadOnlyList<MilestonePredecessor> Predecessors { get; }

    /// <summary>What is delivered (a file, an order, a decision).</summary>
    public string Deliverable { get; }

    /// <summary>The action in Saison that makes the milestone done by itself, with its date (none: marked by hand).</summary>
    public MilestoneFact? DoneWhen { get; init; }
}

/// <summary>
/// A reverse-plan template for some kinds and sizes of event (empty lists: any). The season's own
/// milestones use a template too, anchored on the season's bounds.
/// </summary>
public sealed record PlanTemplate
{
    public PlanTemplate(string id, string name, IReadOnlyList<string>? kinds, IReadOnlyList<SizeClass>? sizes, IReadOnlyList<MilestoneTemplate> milestones, int revision = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(milestones);
        if (PlanTemplateRules.Check(milestones) is { IsRefused: true } refused)
        {
            throw new ArgumentException(refused.Reasons[0].Message, nameof(milestones));
        }

        Id = id;
        Name = name;
        Kinds = [.. kinds ?? []];
        Sizes = [.. sizes ?? []];
        Milestones = [.. milestones];
        Revision = revision;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>Event kinds it applies to; empty for any kind.</summary>
    public IReadOnlyList<string> Kinds { get; }

    /// <summary>Sizes it applies to; empty for any size.</summary>
    public IReadOnlyList<SizeClass> Sizes { get; }

    public IReadOnlyList<MilestoneTemplate> Milestones { get; }

    public int Revision { get; }

    /// <summary>Whether it fits an event of this kind and size.</summary>
    public bool AppliesTo(string kind, SizeClass size) =>
        (Kinds.Count == 0 || Kinds.Contains(kind, StringComparer.Ordinal)) && (Sizes.Count == 0 || Sizes.Contains(size));

    /// <summary>The same template with other milestones and a raised revision.</summary>
    public PlanTemplate With(string name, IReadOnlyList<string> kinds, IReadOnlyList<SizeClass> sizes, IReadOnlyList<MilestoneTemplate> milestones) =>
        new(Id, name, kinds, sizes, milestones, Revision + 1);
}

/// <summary>The rules a template obeys, and how an event finds its template.</summary>
public static class PlanTemplateRules
{
    /// <summary>About two working years: offsets beyond are typing mistakes.</summary>
    public const int MaxOffset = 500;

    /// <summary>The id of the template of the season's own milestones.</summary>
    public const string SeasonTemplateId = "season";

    /// <summary>Unique keys, known predecessors, no cycle.</summary>
    public static Decision Check(IReadOnlyList<MilestoneTemplate> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var reasons = new List<Reason>();
        if (milestones.Count == 0)
        {
            reasons.Add(new("template-empty", "Un modèle de rétroplanning compte au moins un jalon."));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in milestones)
        {
            if (!keys.Add(m.Key))
            {
                reasons.Add(new("duplicate-milestone", $"Le jalon « {m.Key} » figure plusieurs fois dans le modèle."));
            }
        }

        foreach (var m in milestones)
        {
            foreach (var p in m.Predecessors.Where(p => !keys.Contains(p.Key)))
            {
                reasons.Add(new("unknown-predecessor", $"Le jalon « {m.Key} » dépend de « {p.Key} », absent du modèle."));
            }

            if (m.Predecessors.Any(p => p.Key == m.Key))
            {
                reasons.Add(new("self-predecessor", $"Le jalon « {m.Key} » ne peut pas dépendre de lui-même."));
            }
        }

        if (reasons.Count == 0 && TopologicalOrder(milestones) is null)
        {
            reasons.Add(new("cycle", "Les dépendances entre jalons forment un cycle."));
        }

        return reasons.Count == 0 ? Decision.Accepted() : Decision.Refused(reasons);
    }

    /// <summary>Milestones with every predecessor first (then by anchor and offset); null on a cycle.</summary>
    public static IReadOnlyList<MilestoneTemplate>? TopologicalOrder(IReadOnlyList<MilestoneTemplate> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var remaining = milestones.OrderBy(m => m.Anchor).ThenBy(m => m.Offset).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<MilestoneTemplate>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(m => m.Predecessors.All(p => placed.Contains(p.Key)));
            if (next is null)
            {
                return null;
            }

            order.Add(next);
            placed.Add(next.Key);
            remaining.Remove(next);
        }

        return order;
    }

    /// <summary>
    /// The most specific template for an event: one naming its kind beats one for any kind, one
    /// naming its size beats one for any size; ties go to the smallest id. Never the season template.
    /// </summary>
    public static PlanTemplate? Choose(IEnumerable<PlanTemplate> templates, string kind, SizeClass size)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return templates
            .Where(t => t.Id != SeasonTemplateId && t.AppliesTo(kind, size))
            .OrderByDescending(t => (t.Kinds.Count > 0 ? 2 : 0) + (t.Sizes.Count > 0 ? 1 : 0))
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
