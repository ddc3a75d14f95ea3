namespace Saison.Domain.Organisers;

/// <summary>Who organises an event; logistics priority and standard service levels depend on it.</summary>
public enum OrganiserKind
{
    /// <summary>A local association (associations partenaires).</summary>
    Association,

    /// <summary>The tourism operator (the local public company or agency that runs the tourist office).</summary>
    TourismOperator,

    /// <summary>A service of the city or the agglomeration.</summary>
    CityService,

    /// <summary>A private partner.</summary>
    PrivatePartner,
}

/// <summary>French names of the kinds of organiser, as people read them.</summary>
public static class OrganiserKinds
{
    /// <summary>The kind as a group (« Associations », « Partenaires privés »).</summary>
    public static string Label(OrganiserKind kind) => kind switch
    {
        OrganiserKind.Association => "Associations",
        OrganiserKind.TourismOperator => "Opérateur touristique",
        OrganiserKind.CityService => "Services de la ville et de l'agglomération",
        OrganiserKind.PrivatePartner => "Partenaires privés",
        _ => kind.ToString(),
    };
}
