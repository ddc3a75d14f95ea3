using Saison.Domain.Calendar;

namespace Saison.Domain.Planning;

/// <summary>A milestone's due date when the baseline was frozen.</summary>
public sealed record BaselineEntry(string MilestoneId, DateOnly Due);

/// <summary>The plan frozen by the project cell (for example at agenda validation), to measure slips against.</summary>
public sealed record PlanBaseline
{
    public PlanBaseline(string id, int season, string name, DateOnly takenOn, string takenBy, IReadOnlyList<BaselineEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(takenBy);
        ArgumentNullException.ThrowIfNull(entries);
        Id = id;
        Season = season;
        Name = name;
        TakenOn = takenOn;
        TakenBy = takenBy;
        Entries = [.. entries];
    }

    public string Id { get; }

    public int Season { get; }

    public string Name { get; }

    public DateOnly TakenOn { get; }

    public string TakenBy { get; }

    public IReadOnlyList<BaselineEntry> Entries { get; }

    /// <summary>Freezes the due dates of <paramref name="milestones"/>.</summary>
    public static PlanBaseline Freeze(string id, int season, string name, DateOnly takenOn, string takenBy, IEnumerable<Milestone> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        return new(id, season, name, takenOn, takenBy, [.. milestones.Select(m => new BaselineEntry(m.Id, m.Due)).OrderBy(e => e.MilestoneId, StringComparer.Ordinal)]);
    }
}

/// <summary>How a milestone compares with the baseline.</summary>
public enum SlipKind
{
    OnBaseline,
    Later,
    Earlier,

    /// <summary>Not in the baseline (a later event or template change).</summary>
    Added,

    /// <summary>In the baseline, no longer in the plan (a cancelled event).</summary>
    Removed,
}

/// <summary>A milestone's slip against a baseline, in working days and calendar days (positive: later).</summary>
public sealed record MilestoneSlip(string MilestoneId, DateOnly? BaselineDue, DateOnly? CurrentDue, int SlipWorkingDays, int SlipDays, SlipKind Kind);

/// <summary>Compares the current plan with a baseline.</summary>
public static class BaselineComparison
{
    public static IReadOnlyList<MilestoneSlip> Compare(PlanBaseline baseline, IEnumerable<Milestone> current, WorkingDays workingDays)
    {
        ArgumentNullException.ThrowIfNull(workingDays);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var now = current.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var slips = new List<MilestoneSlip>();
        foreach (var entry in baseline.Entries)
        {
            if (!now.Remove(entry.MilestoneId, out var m))
            {
                slips.Add(new(entry.MilestoneId, entry.Due, null, 0, 0, SlipKind.Removed));
                continue;
            }

            var working = workingDays.Between(entry.Due, m.Due);
            var days = m.Due.DayNumber - entry.Due.DayNumber;
            slips.Add(new(m.Id, entry.Due, m.Due, working, days, days > 0 ? SlipKind.Later : days < 0 ? SlipKind.Earlier : SlipKind.OnBaseline));
        }

        slips.AddRange(now.Values.Select(m => new MilestoneSlip(m.Id, null, m.Due, 0, 0, SlipKind.Added)));
        return [.. slips.OrderByDescending(s => s.SlipWorkingDays).ThenBy(s => s.MilestoneId, StringComparer.Ordinal)];
    }
}
