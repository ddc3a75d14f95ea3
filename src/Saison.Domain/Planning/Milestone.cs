namespace Saison.Domain.Planning;

/// <summary>Why a milestone falls due later than its template wants.</summary>
public enum CompressionCause
{
    /// <summary>Not compressed.</summary>
    None,

    /// <summary>The plan started too late (the event was proposed or moved close to its date).</summary>
    LateStart,

    /// <summary>A predecessor (plus its lag) ends later than this milestone's ideal date.</summary>
    Predecessor,
}

/// <summary>
/// A milestone of the shared reverse plan: what, who, when it is due (and when the template would
/// have it), by how many working days it is compressed, and whether and when it was done.
/// </summary>
public sealed record Milestone
{
    public Milestone(
        string id,
        string key,
        string title,
        string owner,
        string deliverable,
        int offset,
        MilestoneAnchor anchor,
        IReadOnlyList<MilestonePredecessor> predecessors,
        DateOnly idealDue,
        DateOnly due,
        int compressedBy,
        CompressionCause compression,
        DateOnly? doneOn = null,
        string? doneBy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(predecessors);
        ArgumentOutOfRangeException.ThrowIfNegative(compressedBy);
        if (doneOn is null != doneBy is null)
        {
            throw new ArgumentException("A done milestone says when and by whom.", nameof(doneBy));
        }

        Id = id;
        Key = key;
        Title = title;
        Owner = owner;
        Deliverable = deliverable ?? string.Empty;
        Offset = offset;
        Anchor = anchor;
        Predecessors = [.. predecessors];
        IdealDue = idealDue;
        Due = due;
        CompressedBy = compressedBy;
        Compression = compression;
        DoneOn = doneOn;
        DoneBy = doneBy;
    }

    /// <summary>Unique in the season: <c>{eventId}.{key}</c>, or <c>season.{key}</c>.</summary>
    public string Id { get; }

    public string Key { get; }

    public string Title { get; }

    public string Owner { get; }

    public string Deliverable { get; }

    public int Offset { get; }

    public MilestoneAnchor Anchor { get; }

    public IReadOnlyList<MilestonePredecessor> Predecessors { get; }

    /// <summary>The date the template gives, counting working days from the anchor.</summary>
    public DateOnly IdealDue { get; }

    /// <summary>The date it is due: the ideal one unless compressed.</summary>
    public DateOnly Due { get; }

    /// <summary>Working days lost against the template (0 when not compressed).</summary>
    public int CompressedBy { get; }

    public CompressionCause Compression { get; }

    public DateOnly? DoneOn { get; }

    public string? DoneBy { get; }

    public bool IsDone => DoneOn is not null;

    public bool IsCompressed => CompressedBy > 0;

    /// <summary>The milestone done on <paramref name="on"/> by <paramref name="by"/>.</summary>
    public Milestone MarkDone(DateOnly on, string by) =>
        new(Id, Key, Title, Owner, Deliverable, Offset, Anchor, Predecessors, IdealDue, Due, CompressedBy, Compression, on, by) { DoneWhen = DoneWhen };

    /// <summary>The action that makes the milestone done by itself (from its template), if any.</summary>
    public MilestoneFact? DoneWhen { get; init; }
}

/// <summary>
/// The reverse plan of one event (or of the season itself when <see cref="EventId"/> is null): the
/// template it came from, the anchors counted from, and its milestones.
/// </summary>
public sealed record EventPlan
{
    public EventPlan(int season, string? eventId, string templateId, int templateRevision, DateOnly startAnchor, DateOnly endAnchor, IReadOnlyList<Milestone> milestones, bool cancelled, int revision, DateTimeOffset lastModified)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        ArgumentNullException.ThrowIfNull(milestones);
        Season = season;
        EventId = eventId;
        TemplateId = templateId;
        TemplateRevision = templateRevision;
        StartAnchor = startAnchor;
        EndAnchor = endAnchor;
        Milestones = [.. milestones];
        Cancelled = cancelled;
        Revision = revision;
        LastModified = lastModified;
    }

    public int Season { get; }

    /// <summary>The event planned, or null for the season's own milestones.</summary>
    public string? EventId { get; }

    public string TemplateId { get; }

    public int TemplateRevision { get; }

    /// <summary>First day of the event (or season): « J ».</summary>
    public DateOnly StartAnchor { get; }

    /// <summary>Last day of the event (or season).</summary>
    public DateOnly EndAnchor { get; }

    public IReadOnlyList<Milestone> Milestones { get; }

    /// <summary>The event was cancelled: its open milestones no longer count.</summary>
    public bool Cancelled { get; }

    public int Revision { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>
    /// Whether a milestone meant to come before the event (a negative offset from the start) is due
    /// on or after the event's first day: the plan cannot be kept, even compressed.
    /// </summary>
    public bool IsBeyondEvent(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return milestone.Anchor == MilestoneAnchor.Start && milestone.Offset < 0 && milestone.Due >= StartAnchor;
    }

    public EventPlan WithMilestones(IReadOnlyList<Milestone> milestones, DateTimeOffset at) =>
        new(Season, EventId, TemplateId, TemplateRevision, StartAnchor, EndAnchor, milestones, Cancelled, Revision + 1, at);

    /// <summary>
    /// The plan with every open milestone that <paramref name="fact"/> completes done on <paramref name="on"/> by
    /// <paramref name="by"/>, or <c>null</c> when the fact completes none (a cancelled plan follows no fact).
    /// </summary>
    public EventPlan? Following(MilestoneFact fact, DateOnly on, string by, DateTimeOffset at)
    {
        if (Cancelled || !Milestones.Any(m => m.DoneWhen == fact && !m.IsDone))
        {
            return null;
        }

        return WithMilestones([.. Milestones.Select(m => m.DoneWhen == fact && !m.IsDone ? m.MarkDone(on, by) : m)], at);
    }

    public EventPlan AsCancelled(DateTimeOffset at) =>
        new(Season, EventId, TemplateId, TemplateRevision, StartAnchor, EndAnchor, Milestones, true, Revision + 1, at);
}
