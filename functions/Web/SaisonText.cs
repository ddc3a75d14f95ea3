using System.Text.Json;
using Saison.Domain.Organisers;

namespace Saison.Functions.Web;

/// <summary>French labels of the domain's values on the pages.</summary>
public static class SaisonText
{
    public static string Key<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string KindLabel(OrganiserKind kind) => OrganiserKinds.Label(kind);

    /// <summary>Which area a dashboard figure waits for.</summary>
    public static string MissingSource(string figure) => figure switch
    {
        "themes" or "weeks" or "sites" => "le programme des événements n'est pas encore branché",
        "load" => "le planning des équipes (tâches affectées) ou les absences ne sont pas encore branchés",
        "coverage" => "la couverture des équipes n'est pas encore branchée",
        "plan" => "le rétroplanning partagé n'est pas encore branché",
        "envelopes" or "requests" => "les demandes logistiques ne sont pas encore branchées",
        "decisions" => "la saison n'a pas de tonalité enregistrée",
        _ => "source absente",
    };
}
