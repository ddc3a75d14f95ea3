using System.Globalization;
using Humanizer;

namespace Saison.Application.Planning;

/// <summary>
/// A count with its noun in French, instead of « jour(s) »: Humanizer's plural from 2 on
/// (« 2 agents affectés »), the singular for 0 and 1 as French has it (« 0 jour », « 1 unité »),
/// where Humanizer's English rule would say « 0 jours ».
/// </summary>
public static class FrenchQuantity
{
    /// <summary>« 3 jours », « 1 jour », « 0 jour »; <paramref name="adjective"/> agrees (« 2 unités disponibles »).</summary>
    public static string Of(int count, string noun, string? adjective = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noun);
        var plural = Math.Abs(count) >= 2;
        var text = plural ? noun.ToQuantity(count, "0", CultureInfo.InvariantCulture) : count.ToString(CultureInfo.InvariantCulture) + " " + noun;
        return adjective is null ? text : text + " " + (plural ? adjective.Pluralize(inputIsKnownToBeSingular: true) : adjective);
    }
}
