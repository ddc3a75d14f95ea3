using System.Globalization;
using System.Text;
using Saison.Domain.Destinations;
using Saison.Domain.Organisers;

namespace Saison.Application.Copil;

/// <summary>
/// Every figure of the dashboard as CSV for a French spreadsheet: UTF-8 with its BOM (added by the
/// function), <c>;</c> separator, RFC 4180 quoting, French headers and labels, decimal comma,
/// dates as <c>dd/MM/yyyy</c>, « oui »/« non ». Excel and LibreOffice set to French read every number
/// as a number and every date as a date; no figure turns into a date by accident.
/// </summary>
public static class CopilCsv
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The CSV of <paramref name="figure"/>, or null when no figure has that name.</summary>
    public static string? Write(CopilDashboard dashboard, string figure, Destination destination)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(destination);
        IEnumerable<IReadOnlyList<object?>>? rows = figure switch
        {
            "themes" => Rows(["Thème", "Objectif (%)", "Événements", "Part réalisée (%)", "Écart (points)"], dashboard.Themes.Select(t => Row(t.Name, t.TargetPercent, t.Events, t.ActualPercent, t.GapPoints))),
            "weeks" => Rows(["Semaine du", "Semaine ISO", "Occurrences", "Événements", "Haute saison"], dashboard.Weeks.Select(w => Row(w.WeekStart, w.IsoWeek, w.Occurrences, w.Events, w.Peak))),
            "sites" => Rows(["Site", "Événements", "Occurrences", "Part (%)"], dashboard.Sites.Select(s => Row(s.SiteName, s.Events, s.Occurrences, s.SharePercent))),
            "load" => Rows(["Service", "Semaine du", "Semaine ISO", "Charge (heures)", "Capacité (heures)", "Charge (%)"], dashboard.Load.Select(l => Row(l.ServiceName, l.WeekStart, l.IsoWeek, l.LoadHours, l.CapacityHours, l.LoadPercent))),
            "coverage" => Rows(["Équipe", "Jour", "Présents", "Minimum", "Absents", "Sous le minimum"], dashboard.CoverageRisks.Select(c => Row(c.TeamName, c.Day, c.OnDuty, c.Minimum, c.Absent, c.BelowMinimum))),
            "plan" => Rows(["Responsable", "Jalons", "Faits", "En retard", "À risque", "Dans les temps"], dashboard.Plan.Select(p => Row(Capitalised(destination.OwnerName(p.OwnerId)), p.Milestones, p.Done, p.Late, p.AtRisk, p.OnTrack))),
            "envelopes" => Rows(["Enveloppe", "Montant (€)", "Consommé (€)", "En attente (€)", "Consommé (%)"], dashboard.Envelopes.Select(e => Row(e.Name, e.Amount, e.Consumed, e.Pending, e.ConsumedPercent))),
            "requests" => Rows(["Organisateurs", "Lignes", "Accordées", "Accordées en partie", "Refusées", "En attente", "Coût demandé (€)", "Taux d'accord (%)"], dashboard.Requests.Select(r => Row(OrganiserKinds.Label(r.Kind), r.Lines, r.Approved, r.PartlyApproved, r.Refused, r.Pending, r.RequestedCost, r.Lines == 0 ? null : r.ApprovedPercent))),
            "decisions" => Rows(["Date", "Décision", "Enregistrée par"], dashboard.Decisions.Select(d => Row(d.Date, d.Text, d.RecordedBy))),
            _ => null,
        };
        return rows is null ? null : Format(rows);
    }

    /// <summary>Rows (the first is the header) as CSV in the format above.</summary>
    public static string Format(IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        foreach (var row in rows)
        {
            csv.AppendJoin(';', row.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A header followed by its rows.</summary>
    public static IEnumerable<IReadOnlyList<object?>> Rows(string[] header, IEnumerable<IReadOnlyList<object?>> rows) => [header, .. rows];

    /// <summary>One row's cells.</summary>
    public static object?[] Row(params object?[] cells) => cells;

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpper(text[0], French) + text[1..];

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            bool b => b ? "oui" : "non",
            decimal m => m.ToString("0.##", French),
            IFormattable f => f.ToString(null, French),
            _ => value.ToString() ?? string.Empty,
        };

        // Thousands are never grouped (a spreadsheet reads "5290,5" as a number, not "5 290,5").
        return text.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
