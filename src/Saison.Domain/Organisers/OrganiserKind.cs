namespace Saison.Domain.Organisers;

/// <summary>Who organises an event; logistics priority and standard service levels depend on it.</summary>
public enum OrganiserKind
{
    /// <summary>A local association (associations partenaires).</summary>
    Association,

    /// <summary>The tourism operator (SNAT in Saint-Nazaire).</summary>
    TourismOperator,

    /// <summary>A service of the city or the agglomeration.</summary>
    CityService,

    /// <summary>A private partner.</summary>
    PrivatePartner,
}
