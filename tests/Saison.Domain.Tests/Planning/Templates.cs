using Saison.Domain.Events;
using Saison.Domain.Planning;

namespace Saison.Domain.Tests.Planning;

/// <summary>Test templates, small and readable.</summary>
internal static class Templates
{
    public static MilestoneTemplate M(string key, int offset, params (string Key, int Lag)[] predecessors) =>
        new(key, "Jalon " + key, offset, MilestoneAnchor.Start, "organiser", [.. predecessors.Select(p => new MilestonePredecessor(p.Key, p.Lag))], "livrable");

    public static MilestoneTemplate After(string key, int offset) =>
        new(key, "Jalon " + key, offset, MilestoneAnchor.End, "project-cell", [], "bilan");

    /// <summary>fiche J-20, demande J-15 (after fiche + 2), reponse J-8 (after demande + 3), bilan J+5 after the end.</summary>
    public static PlanTemplate Small { get; } = new("leger", "Petit", [], [SizeClass.Small], [M("fiche", -20), M("demande", -15, ("fiche", 2)), M("reponse", -8, ("demande", 3)), After("bilan", 5)]);
}
