using System.Globalization;
using Saison.Domain.Logistics;

namespace Saison.Domain.Crews;

/// <summary>What a crew does for an approved line.</summary>
public enum CrewTaskKind
{
    /// <summary>Delivery and setup before the event.</summary>
    Setup,

    /// <summary>Presence during the event (stage managers).</summary>
    Presence,

    /// <summary>Teardown and pickup after the event.</summary>
    Teardown,
}

/// <summary>One agent's worth of work: a skill, an interval, and the priority of the event it serves.</summary>
public sealed record CrewTask
{
    public CrewTask(string id, string requestId, string lineId, string? eventId, string title, CrewTaskKind kind, string skill, DateTimeOffset start, DateTimeOffset end, PriorityClass priority)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(skill);
        if (end <= start)
        {
            throw new ArgumentException("A task ends after it starts.", nameof(end));
        }

        Id = id;
        RequestId = requestId;
        LineId = lineId;
        EventId = eventId;
        Title = title;
        Kind = kind;
        Skill = skill;
        Start = start;
        End = end;
        Priority = priority;
    }

    public string Id { get; }

    public string RequestId { get; }

    public string LineId { get; }

    public string? EventId { get; }

    public string Title { get; }

    public CrewTaskKind Kind { get; }

    public string Skill { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public PriorityClass Priority { get; }

    public TimeSpan Duration => End - Start;
}

/// <summary>
/// An approved line as the task planner needs it. <see cref="PresenceWindows"/> say when the event is
/// attended (an all-day event: its site's opening hours each day); the whole event otherwise.
/// </summary>
public sealed record ApprovedLine(string RequestId, string LineId, string? EventId, string EventTitle, PriorityClass Priority, CatalogItem Item, int Quantity, DateTimeOffset Delivery, DateTimeOffset Pickup, DateTimeOffset EventStart, DateTimeOffset EventEnd)
{
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)>? PresenceWindows { get; init; }
}

/// <summary>
/// Turns approved lines into crew tasks: setup from delivery, presence over the event, teardown
/// up to pickup. Work longer than a shift is shared among more agents, and presence is cut into
/// shifts, so no single task breaks the daily maximum.
/// </summary>
public static class CrewTaskPlanner
{
    /// <summary>The longest single task: a long job is split among agents or shifts below it.</summary>
    public static readonly TimeSpan MaxShift = TimeSpan.FromHours(8);

    public static IReadOnlyList<CrewTask> TasksFor(ApprovedLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Item.Crew is not { } work || line.Quantity <= 0)
        {
            return [];
        }

        var tasks = new List<CrewTask>();
        var agents = (line.Quantity + work.UnitsPerAgent - 1) / work.UnitsPerAgent;
        var title = line.Item.Name + " — " + line.EventTitle;
        if (work.Presence)
        {
            var shift = 0;
            foreach (var (start, end) in line.PresenceWindows ?? [(line.EventStart, line.EventEnd)])
            {
                var shifts = Math.Max(1, (int)Math.Ceiling((end - start) / MaxShift));
                var length = (end - start) / shifts;
                for (var s = 0; s < shifts; s++, shift++)
                {
                    for (var a = 0; a < agents; a++)
                    {
                        var from = start + (length * s);
                        tasks.Add(new CrewTask(Id(line, "presence", shift, a), line.RequestId, line.LineId, line.EventId, "Présence : " + title, CrewTaskKind.Presence, work.Skill, from, from + length, line.Priority));
                    }
                }
            }
        }

        AddShared(tasks, line, work, CrewTaskKind.Setup, line.Delivery, work.SetupMinutes + (work.SetupMinutesPerUnit * line.Quantity), agents, "Livraison et montage : " + title);
        AddShared(tasks, line, work, CrewTaskKind.Teardown, line.Pickup, work.TeardownMinutes + (work.TeardownMinutesPerUnit * line.Quantity), agents, "Démontage et enlèvement : " + title);
        return tasks;
    }

    private static void AddShared(List<CrewTask> tasks, ApprovedLine line, CrewWork work, CrewTaskKind kind, DateTimeOffset anchor, int totalMinutes, int agents, string title)
    {
        if (totalMinutes <= 0)
        {
            return;
        }

        // Setup starts at delivery; teardown ends at pickup. Share the work so each agent stays within a shift.
        var people = Math.Max(agents, (int)Math.Ceiling(totalMinutes / MaxShift.TotalMinutes));
        var each = TimeSpan.FromMinutes(Math.Ceiling((double)totalMinutes / people));
        var start = kind == CrewTaskKind.Setup ? anchor : anchor - each;
        var label = kind == CrewTaskKind.Setup ? "setup" : "teardown";
        for (var a = 0; a < people; a++)
        {
            tasks.Add(new CrewTask(Id(line, label, 0, a), line.RequestId, line.LineId, line.EventId, title, kind, work.Skill, start, start + each, line.Priority));
        }
    }

    private static string Id(ApprovedLine line, string kind, int shift, int agent) =>
        string.Create(CultureInfo.InvariantCulture, $"{line.RequestId}-{line.LineId}-{kind}-{shift}-{agent}");
}
