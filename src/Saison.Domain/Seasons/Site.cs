namespace Saison.Domain.Seasons;

/// <summary>What kind of place a site is.</summary>
public enum SiteKind
{
    Beach,
    Port,
    Heritage,
    Industrial,
    Park,
    Venue,
    PublicSpace,
}

/// <summary>A place where events happen (a beach, the port, an industrial visit...), with its capacity when known.</summary>
public sealed record Site
{
    public Site(string id, string name, SiteKind kind, string? district = null, int? capacity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (capacity is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "A capacity cannot be negative.");
        }

        Id = id;
        Name = name;
        Kind = kind;
        District = district;
        Capacity = capacity;
    }

    public string Id { get; }

    public string Name { get; }

    public SiteKind Kind { get; }

    /// <summary>Neighbourhood (quartier), for example « Saint-Marc-sur-Mer ».</summary>
    public string? District { get; }

    /// <summary>How many people the site takes, when known.</summary>
    public int? Capacity { get; }
}
