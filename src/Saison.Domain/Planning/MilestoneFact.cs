namespace Saison.Domain.Planning;

/// <summary>
/// An action in Saison that is, by itself, a milestone's deliverable: when it happens for the event, the
/// milestone is done that day (a template says which milestone follows which fact; the city's data, not code).
/// </summary>
public enum MilestoneFact
{
    /// <summary>A logistics request for the event is submitted (« Demande logistique déposée »).</summary>
    RequestSubmitted,

    /// <summary>Every line of a logistics request for the event is decided, by the fast procedure or by technical services.</summary>
    RequestAnswered,

    /// <summary>The project cell validates the event into the summer tourism agenda, or keeps it out (« Avis de la cellule projet »).</summary>
    AgendaDecided,
}
