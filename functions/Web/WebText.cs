using System.Globalization;
using System.Security.Claims;
using Saison.Application.Identity;
using Saison.Functions.Identity;

namespace Saison.Functions.Web;

/// <summary>French words of the pages that several components share: roles, navigation, numbers and dates.</summary>
public static class WebText
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static IReadOnlyDictionary<string, string> RoleLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Roles.Organiser] = "Organisateur",
        [Roles.ProjectCell] = "Cellule projet",
        [Roles.Technician] = "Services techniques",
        [Roles.Agent] = "Agent",
        [Roles.Manager] = "Encadrant",
        [Roles.Copil] = "COPIL",
        [Roles.Admin] = "Administrateur",
    };

    public static string RoleNames(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return string.Join(", ", user.FindAll(SaisonClaims.Role).Select(c => RoleLabels.GetValueOrDefault(c.Value, c.Value)));
    }

    /// <summary>The pages a user may open, for the navigation and the home page.</summary>
    public static IReadOnlyList<NavLink> LinksFor(ClaimsPrincipal user, int season)
    {
        ArgumentNullException.ThrowIfNull(user);
        var caller = user.ToCaller();
        bool Can(params string[] roles) => caller.IsAdmin || caller.IsInAnyRole(roles);
        var links = new List<NavLink>();
        if (Can(Roles.Organiser))
        {
            links.Add(new($"/saisons/{season}/organisateur", "Mes événements et demandes"));
        }

        if (Can(Roles.ProjectCell))
        {
            links.Add(new($"/saisons/{season}/cellule-projet", "Cellule projet"));
        }

        if (Can(Roles.Technician))
        {
            links.Add(new($"/saisons/{season}/services-techniques", "Services techniques"));
        }

        if (Can(Roles.Agent))
        {
            links.Add(new($"/saisons/{season}/agent", "Mes congés et tâches"));
        }

        if (Can(Roles.Manager))
        {
            links.Add(new($"/saisons/{season}/encadrement", "Congés de mes équipes"));
        }

        if (Can(Roles.Manager, Roles.ProjectCell, Roles.Technician))
        {
            links.Add(new($"/saisons/{season}/personnel", "Services et équipes"));
        }

        if (Can(Roles.ProjectCell, Roles.Organiser))
        {
            links.Add(new($"/saisons/{season}/finances", "Dépenses et partenaires"));
        }

        if (Can(Roles.Copil, Roles.ProjectCell))
        {
            links.Add(new($"/saisons/{season}/copil", "Tonalité de la saison (COPIL)"));
            links.Add(new($"/saisons/{season}/copil/finances", "Coûts et recettes de la saison (COPIL)"));
        }

        return links;
    }

    public static string Number(decimal value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), French);

    /// <summary>A rank as French abbreviates it: « 1er » (« 1re » of a feminine noun), « 2e », « 30e ».</summary>
    public static string Rank(int n, bool feminine = false) => n == 1 ? (feminine ? "1re" : "1er") : n.ToString(CultureInfo.InvariantCulture) + "e";

    /// <summary>A count with its noun in the right number: « 1 autre demande », « 3 autres demandes ».</summary>
    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count > 1 ? plural : singular);

    /// <summary>
    /// A count of a catalogue unit: « 1 barrière », « 10 grilles », « 2 régisseurs par jour » (the unit's first word
    /// takes the plural; the catalogue's units are regular French nouns).
    /// </summary>
    public static string Units(int count, string unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return count.ToString(CultureInfo.InvariantCulture);
        }

        var space = unit.IndexOf(' ', StringComparison.Ordinal);
        var (noun, rest) = space < 0 ? (unit, string.Empty) : (unit[..space], unit[space..]);
        var plural = count > 1 && !noun.EndsWith('s') && !noun.EndsWith('x') && !noun.EndsWith('z') ? noun + "s" : noun;
        return count.ToString(CultureInfo.InvariantCulture) + " " + plural + rest;
    }

    /// <summary>An amount in euros as French readers write it: « 5 290,00 € », « 1,50 € ».</summary>
    public static string Money(decimal value) => value.ToString("N2", French) + " €";

    /// <summary>
    /// An amount typed in a form as French users type it (« 1 234,56 », « 1234.56 », « 12 000 € »), or null when it is not one;
    /// <paramref name="empty"/> when nothing was typed.
    /// </summary>
    public static decimal? ParseEuros(string? text, decimal? empty = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return empty;
        }

        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '€')]).Replace('.', ',');
        return decimal.TryParse(compact, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, French, out var value) ? value : null;
    }

    public static string Percent(decimal share) => (share * 100m).ToString("N0", French) + " %";

    public static string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", French);

    public static string ShortDate(DateOnly date) => date.ToString("ddd d MMM", French);
}

/// <summary>A link of the navigation.</summary>
public sealed record NavLink(string Href, string Label);
