using System.Globalization;

namespace Saison.Domain.Leave;

/// <summary>French wording shared by the leave rules' reasons.</summary>
internal static class LeaveText
{
    public static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',');

    public static string Agents(int count) => count is 0 or 1 ? $"{count} agent" : $"{count} agents";

    /// <summary>How many would stay: « aucun agent ne resterait présent », « 1 agent resterait présent », « 2 agents resteraient présents ».</summary>
    public static string Remaining(int count) => count switch
    {
        <= 0 => "aucun agent ne resterait présent",
        1 => "1 agent resterait présent",
        _ => $"{count} agents resteraient présents",
    };

    public static string Days(decimal count) => count <= 1 ? $"{Number(count)} jour" : $"{Number(count)} jours";

    public static string Span(DateOnly first, DateOnly last) => first == last ? $"le {Day(first)}" : $"du {Day(first)} au {Day(last)}";
}
