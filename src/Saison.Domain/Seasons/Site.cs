namespace Saison.Domain.Seasons;

/// <summary>
/// The hours a site is open to the public on an event day, local time: an all-day event is attended
/// (stage managers present) within them, not from midnight to midnight.
/// </summary>
public sealed record OpeningHours
{
    public OpeningHours(TimeOnly opens, TimeOnly closes)
    {
        if (closes <= opens)
        {
            throw new ArgumentException("A site closes after it opens (same day).", nameof(closes));
        }

        Opens = opens;
        Closes = closes;
    }

    /// <summary>When an all-day event's site has no hours of its own: 09:00 to 19:00.</summary>
    public static OpeningHours Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(19, 0));

    public TimeOnly Opens { get; }

    public TimeOnly Closes { get; }
}

/// <summary>A place where events happen (a beach, the port, an industrial visit...), with its capacity and opening hours when known.</summary>
public sealed record Site
{
    public Site(string id, string name, string kind, string? district = null, int? capacity = null, OpeningHours? opening = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        if (capacity is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "A capacity cannot be negative.");
        }

        Id = id;
        Name = name;
        Kind = kind;
        District = district;
        Capacity = capacity;
        Opening = opening;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>What kind of place it is: one of its destination's site kinds (<c>beach</c>, <c>port</c>…).</summary>
    public string Kind { get; }

    /// <summary>Neighbourhood (quartier).</summary>
    public string? District { get; }

    /// <summary>How many people the site takes, when known.</summary>
    public int? Capacity { get; }

    /// <summary>Its opening hours on an event day, when they are known.</summary>
    public OpeningHours? Opening { get; }
}
