using System.Text.Json;
using Saison.Domain.Organisers;

namespace Saison.Functions.Web;

/// <summary>French labels of the domain's values on the pages.</summary>
public static partial class SaisonText
{
    public static string Key<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string KindLabel(OrganiserKind kind) => OrganiserKinds.Label(kind);

    /// <summary>A season's status as the API writes it (<c>draft</c>), in French.</summary>
    public static string SeasonStatusLabel(string status) =>
        Enum.TryParse<Saison.Domain.Seasons.SeasonStatus>(status, ignoreCase: true, out var known) ? Saison.Domain.Seasons.SeasonRules.Describe(known) : status;

    /// <summary>A skill's name (« Conduite de poids lourds ») for its id (<c>conduite-pl</c>); the id when the season names none.</summary>
    public static string SkillName(IReadOnlyDictionary<string, string>? names, string skill) =>
        names is not null && names.TryGetValue(skill, out var name) ? name : skill;

    /// <summary>A rule's French message with the skills it quotes by id (« conduite-pl ») quoted by name.</summary>
    public static string WithSkillNames(IReadOnlyDictionary<string, string>? names, string text) =>
        names is null || names.Count == 0 ? text : QuotedId().Replace(text, m => names.TryGetValue(m.Groups[1].Value, out var name) ? "« " + name + " »" : m.Value);

    [System.Text.RegularExpressions.GeneratedRegex("« ([a-z0-9-]+) »")]
    private static partial System.Text.RegularExpressions.Regex QuotedId();

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
