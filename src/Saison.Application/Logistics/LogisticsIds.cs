using System.Text.RegularExpressions;

namespace Saison.Application.Logistics;

/// <summary>Ids of logistics and crews records: letters, digits, '-' and '_', so they are always valid table keys.</summary>
public static partial class LogisticsIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
