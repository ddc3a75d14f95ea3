using System.Globalization;
using Humanizer;

namespace Saison.Application.Calendars;

/// <summary>Dates written in French for people: the day name from .NET's French culture, the rest from Humanizer's French pack.</summary>
public static class FrenchDates
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"jeudi 8 juillet 2027", "mardi 1er juin 2027".</summary>
    public static string Long(DateOnly date)
    {
        // Humanizer's date converter reads the current cultures (month names, « 1er »): French for this call only.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (French, French);
        try
        {
            return date.ToString("dddd", French) + " " + date.ToOrdinalWords();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
