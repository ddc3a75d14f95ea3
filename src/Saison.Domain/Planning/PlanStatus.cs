using Saison.Domain.Calendar;
using Saison.Domain.Decisions;

namespace Saison.Domain.Planning;

/// <summary>Where a milestone stands on a given day.</summary>
public enum MilestoneState
{
    /// <summary>Open, on time.</summary>
    ToDo,

    /// <summary>Open, on time, but compressed or behind a late or compressed predecessor.</summary>
    AtRisk,

    /// <summary>Due date passed, not done.</summary>
    Late,

    /// <summary>Done (when, by whom).</summary>
    Done,
}

/// <summary>A milestone's state on a day, the working days left (negative when late) and why.</summary>
public sealed record MilestoneStatus(MilestoneState State, int WorkingDaysLeft, IReadOnlyList<Reason> Reasons);

/// <summary>Evaluates the milestones of a plan on a given "today".</summary>
public static class PlanStatus
{
    /// <summary>The status of every milestone of <paramref name="plan"/> on <paramref name="today"/>, by milestone key.</summary>
    public static IReadOnlyDictionary<string, MilestoneStatus> Evaluate(EventPlan plan, DateOnly today, WorkingDays workingDays)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(workingDays);
        var byKey = plan.Milestones.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var result = new Dictionary<string, MilestoneStatus>(StringComparer.Ordinal);
        foreach (var m in plan.Milestones)
        {
            result[m.Key] = Evaluate(m, byKey, today, workingDays);
        }

        return result;
    }

    private static MilestoneStatus Evaluate(Milestone m, IReadOnlyDictionary<string, Milestone> byKey, DateOnly today, WorkingDays workingDays)
    {
        var left = workingDays.Between(today, m.Due);
        if (m.IsDone)
        {
            return new(MilestoneState.Done, left, [new("done", $"Fait le {m.DoneOn:dd/MM/yyyy} par {m.DoneBy}.")]);
        }

        if (today > m.Due)
        {
            return new(MilestoneState.Late, left, [new("late", $"Échéance du {m.Due:dd/MM/yyyy} dépassée.")]);
        }

        var reasons = new List<Reason>();
        if (m.IsCompressed)
        {
            var why = m.Compression == CompressionCause.LateStart ? "rétroplanning commencé trop tard" : "un jalon précédent finit trop tard";
            reasons.Add(new("compressed", $"Comprimé de {m.CompressedBy} jour{(m.CompressedBy > 1 ? "s" : string.Empty)} ouvré{(m.CompressedBy > 1 ? "s" : string.Empty)} ({why})."));
        }

        foreach (var p in m.Predecessors)
        {
            if (!byKey.TryGetValue(p.Key, out var before) || before.IsDone)
            {
                continue;
            }

            if (today > before.Due)
            {
                reasons.Add(new("predecessor-late", $"Le jalon précédent « {before.Title} » est en retard."));
            }
            else if (before.IsCompressed)
            {
                reasons.Add(new("predecessor-compressed", $"Le jalon précédent « {before.Title} » est comprimé."));
            }
        }

        return reasons.Count > 0 ? new(MilestoneState.AtRisk, left, reasons) : new(MilestoneState.ToDo, left, []);
    }
}
