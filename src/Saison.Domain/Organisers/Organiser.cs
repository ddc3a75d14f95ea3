namespace Saison.Domain.Organisers;

/// <summary>An organisation that proposes events: an association, the tourism operator, a city service, a private partner.</summary>
public sealed record Organiser
{
    public Organiser(string id, string name, OrganiserKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
        Kind = kind;
    }

    /// <summary>Stable id; an Organiser caller's scope names it.</summary>
    public string Id { get; }

    public string Name { get; }

    public OrganiserKind Kind { get; }
}
