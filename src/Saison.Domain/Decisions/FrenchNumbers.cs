using System.Globalization;

namespace Saison.Domain.Decisions;

/// <summary>Numbers in the reasons' French text: a plain space between thousands, a decimal comma (« 50 000 », « 1 250,00 € »).</summary>
public static class FrenchNumbers
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>A count: « 50 000 ».</summary>
    public static string Count(int count) => Plain(count.ToString("N0", French));

    /// <summary>An amount in euros: « 1 250,00 € ».</summary>
    public static string Euros(decimal amount) => Plain(amount.ToString("N2", French)) + " €";

    // .NET writes French thousands with a narrow no-break space: text read in a JSON field or a log keeps a plain one.
    private static string Plain(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');
}
